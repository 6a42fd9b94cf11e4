package io.virtplatform.exporter.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web config ({@code --web.config.file}), in the format of the Prometheus exporter-toolkit
 * that node_exporter, Prometheus and kube-state-metrics read. Loaded by {@link WebConfigLoader}.
 *
 * @param tls serve HTTPS with these settings; empty for plain HTTP
 * @param headers added to every response ({@code http_server_config.headers})
 * @param basicAuthUsers user name to bcrypt hash ({@code basic_auth_users}); empty for none
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> headers,
    Map<String, String> basicAuthUsers) {

  /** No TLS, no users, no headers: what the exporter does without a web config. */
  public static final WebConfig NONE = new WebConfig(Optional.empty(), Map.of(), Map.of());

  public WebConfig {
    headers = Map.copyOf(headers);
    basicAuthUsers = Map.copyOf(basicAuthUsers);
  }

  /**
   * {@code tls_server_config}. Paths are resolved against the web config's folder.
   *
   * @param protocols the enabled JSSE protocol names, from {@code min_version} to {@code
   *     max_version}
   * @param cipherSuites the JSSE names of {@code cipher_suites}; empty for the JVM's defaults
   */
  public record Tls(Path certFile, Path keyFile, ClientAuth clientAuth,
      Optional<Path> clientCaFile, List<String> protocols, List<String> cipherSuites) {

    public Tls {
      protocols = List.copyOf(protocols);
      cipherSuites = List.copyOf(cipherSuites);
    }
  }

  /**
   * {@code client_auth_type}. Client certificates are always verified against {@code
   * client_ca_file}: the toolkit's {@code RequestClientCert} and {@code RequireAnyClientCert},
   * which accept any certificate, are refused.
   */
  public enum ClientAuth {
    /** {@code NoClientCert}, the default. */
    NONE,
    /** {@code VerifyClientCertIfGiven}. */
    VERIFY_IF_GIVEN,
    /** {@code RequireAndVerifyClientCert}: mutual TLS. */
    REQUIRE_AND_VERIFY
  }
}
