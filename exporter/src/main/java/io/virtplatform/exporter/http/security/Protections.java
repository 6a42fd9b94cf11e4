package io.virtplatform.exporter.http.security;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.virtplatform.exporter.config.WebConfig;
import io.virtplatform.exporter.http.AccessCheck;
import io.virtplatform.exporter.http.Protection;
import io.virtplatform.exporter.http.TlsListener;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Protection} of the endpoint from the web config and {@code --auth-filter}. */
public final class Protections {

  private static final Logger LOG = LoggerFactory.getLogger(Protections.class);

  /** A review waits this long at most, on a worker thread; then the request is denied. */
  static final int REVIEW_TIMEOUT_MILLIS = 5_000;

  private Protections() {
  }

  /**
   * @param authFilter the cluster's client config when {@code --auth-filter} is on
   * @throws IOException when a TLS file cannot be read
   * @throws IllegalArgumentException when both basic auth users and the auth filter are set
   */
  public static Protection create(WebConfig web, Optional<Config> authFilter)
      throws IOException {
    if (authFilter.isPresent() && !web.basicAuthUsers().isEmpty()) {
      throw new IllegalArgumentException("--auth-filter and the web config's basic_auth_users"
          + " both decide who may read; use one of them");
    }
    AccessCheck access = authFilter.<AccessCheck>map(
            config -> new KubernetesAccessCheck(reviewClient(config)))
        .orElse(web.basicAuthUsers().isEmpty()
            ? AccessCheck.OPEN : new BasicAuthCheck(web.basicAuthUsers()));
    Optional<TlsListener> tls = web.tls().isPresent()
        ? Optional.of(TlsListeners.create(web.tls().get())) : Optional.empty();
    if (tls.isEmpty() && access != AccessCheck.OPEN) {
      LOG.warn("Credentials are checked but TLS is off: passwords and bearer tokens cross the"
          + " network in clear text. Set tls_server_config in the web config.");
    }
    return new Protection(tls, access, web.headers());
  }

  /**
   * A client of its own for the reviews, without the retries and long timeouts of the watching
   * one: a request waits for it, and an API server that does not answer means "deny", fast.
   */
  static KubernetesClient reviewClient(Config cluster) {
    Config config = new ConfigBuilder(cluster)
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(REVIEW_TIMEOUT_MILLIS)
        .withRequestTimeout(REVIEW_TIMEOUT_MILLIS)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
