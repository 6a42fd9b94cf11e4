package io.virtplatform.exporter.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.virtplatform.exporter.http.AccessCheck;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --auth-filter}: Kubernetes authentication and authorization of every request, as
 * kube-rbac-proxy and controller-runtime's metrics filter do it. The bearer token is checked with
 * a TokenReview; its user must then be allowed {@code get} on the route as a non-resource URL
 * ({@code /metrics}, {@code /drift}, {@code /api/v1/drift}, {@code /}), asked with a
 * SubjectAccessReview. So reading metrics and reading object values are separate rights.
 *
 * <p>Decisions are cached per token (by its SHA-256) and route: an allowed one for
 * {@link #ALLOWED_TTL}, a denied one or an invalid token for {@link #DENIED_TTL}, so a Prometheus
 * scraping every 30 s costs one review pair per minute. When the API server does not answer, the
 * request is denied, the reason logged, and nothing cached.
 */
public final class KubernetesAccessCheck implements AccessCheck {

  static final Duration ALLOWED_TTL = Duration.ofMinutes(1);
  static final Duration DENIED_TTL = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesAccessCheck.class);
  private static final String BEARER = "Bearer ";

  private record Key(String tokenHash, String route) {
  }

  /** A verdict, and whether it is the API server's answer (cached) or a failure to get one. */
  private record Outcome(Verdict verdict, boolean answered) {
  }

  private final KubernetesClient client;
  private final Cache<Key, Verdict> decisions;

  /**
   * @param client used for the reviews only, and closed with the check; it should fail fast (no
   *     retries, short timeouts), since a request waits for it on a worker thread
   */
  public KubernetesAccessCheck(KubernetesClient client) {
    this(client, Ticker.systemTicker());
  }

  KubernetesAccessCheck(KubernetesClient client, Ticker ticker) {
    this.client = client;
    this.decisions = Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(10_000)
        .expireAfter(Expiry.creating((Key key, Verdict verdict) ->
            verdict == Verdict.ALLOWED ? ALLOWED_TTL : DENIED_TTL))
        .build();
  }

  @Override
  public Verdict check(HttpServerExchange exchange, String route) {
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      return Verdict.UNAUTHENTICATED;
    }
    String token = header.substring(BEARER.length()).trim();
    Key key = new Key(Sha256.of(token), route);
    Verdict cached = decisions.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    Outcome outcome = decide(token, route, exchange);
    if (outcome.answered()) {
      decisions.put(key, outcome.verdict());
    }
    return outcome.verdict();
  }

  private Outcome decide(String token, String route, HttpServerExchange exchange) {
    UserInfo user;
    try {
      TokenReview review = client.authentication().v1().tokenReviews().create(
          new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
      if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())
          || review.getStatus().getUser() == null) {
        return new Outcome(Verdict.UNAUTHENTICATED, true);
      }
      user = review.getStatus().getUser();
    } catch (KubernetesClientException e) {
      LOG.warn("Denied {} to {}: the TokenReview failed: {}", route, peer(exchange),
          describe(e));
      return new Outcome(Verdict.UNAUTHENTICATED, false);
    }
    try {
      SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(
          new SubjectAccessReviewBuilder().withNewSpec()
              .withUser(user.getUsername())
              .withUid(user.getUid())
              .withGroups(user.getGroups())
              .withExtra(user.getExtra())
              .withNewNonResourceAttributes().withPath(route).withVerb("get")
              .endNonResourceAttributes()
              .endSpec().build());
      boolean allowed = review.getStatus() != null
          && Boolean.TRUE.equals(review.getStatus().getAllowed());
      return new Outcome(allowed ? Verdict.ALLOWED : Verdict.FORBIDDEN, true);
    } catch (KubernetesClientException e) {
      LOG.warn("Denied {} to {} ({}): the SubjectAccessReview failed: {}", route,
          peer(exchange), user.getUsername(), describe(e));
      return new Outcome(Verdict.FORBIDDEN, false);
    }
  }

  /** fabric8 says "An error has occurred" for a refused connection; the cause says which. */
  private static String describe(KubernetesClientException e) {
    return e.getCause() == null ? e.getMessage() : e.getMessage() + " (" + e.getCause() + ")";
  }

  private static String peer(HttpServerExchange exchange) {
    return exchange.getSourceAddress().getHostString();
  }

  @Override
  public String challenge() {
    return "Bearer realm=\"virt-platform-exporter\"";
  }

  /** Closes the review client, which {@link Protections} made for this check alone. */
  @Override
  public void close() {
    client.close();
  }
}
