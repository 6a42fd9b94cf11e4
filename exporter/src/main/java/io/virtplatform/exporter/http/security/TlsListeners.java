package io.virtplatform.exporter.http.security;

import io.virtplatform.exporter.config.PemFiles;
import io.virtplatform.exporter.config.PemFiles.ServerCertificate;
import io.virtplatform.exporter.config.WebConfig;
import io.virtplatform.exporter.http.TlsListener;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.xnio.SslClientAuthMode;

/** Builds the HTTPS listener of a web config's {@code tls_server_config}. */
public final class TlsListeners {

  private TlsListeners() {
  }

  /**
   * @throws IOException when a certificate, key or CA file cannot be read or does not fit
   */
  public static TlsListener create(WebConfig.Tls tls) throws IOException {
    try {
      Path cert = tls.certFile();
      Path key = tls.keyFile();
      ReloadingFiles<ServerCertificate> certificate = new ReloadingFiles<>("serving certificate",
          List.of(cert, key), () -> PemFiles.serverCertificate(cert, key), System::nanoTime);
      KeyManager keys = new ReloadingKeyManager(certificate);
      TrustManager[] trust = null;
      ReloadingFiles<List<X509Certificate>> clientCas = null;
      if (tls.clientCaFile().isPresent()) {
        Path ca = tls.clientCaFile().get();
        clientCas = new ReloadingFiles<>("client CAs", List.of(ca),
            () -> PemFiles.certificates(ca), System::nanoTime);
        trust = new TrustManager[] {new ReloadingTrustManager(clientCas)};
      }
      ReloadingFiles<List<X509Certificate>> observedCas = clientCas;
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, trust, null);
      return new TlsListener(context, clientAuth(tls.clientAuth()), tls.protocols(),
          cipherSuites(context, tls.cipherSuites()), observer -> {
            certificate.observe("serving_certificate", observer);
            if (observedCas != null) {
              observedCas.observe("client_ca", observer);
            }
          });
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static SslClientAuthMode clientAuth(WebConfig.ClientAuth auth) {
    return switch (auth) {
      case NONE -> SslClientAuthMode.NOT_REQUESTED;
      case VERIFY_IF_GIVEN -> SslClientAuthMode.REQUESTED;
      case REQUIRE_AND_VERIFY -> SslClientAuthMode.REQUIRED;
    };
  }

  /**
   * As in Go, {@code cipher_suites} restricts TLS 1.2 only: TLS 1.3's suites are always enabled,
   * else listing TLS 1.2 suites alone would silently turn TLS 1.3 off.
   */
  private static List<String> cipherSuites(SSLContext context, List<String> configured) {
    String[] defaults = context.getDefaultSSLParameters().getCipherSuites();
    if (configured.isEmpty()) {
      return List.of(defaults);
    }
    List<String> suites = new ArrayList<>(configured);
    Arrays.stream(defaults).filter(TlsListeners::isTls13Suite).filter(s -> !suites.contains(s))
        .forEach(suites::add);
    return suites;
  }

  /** TLS 1.3 suite names carry no key exchange: {@code TLS_AES_128_GCM_SHA256}. */
  private static boolean isTls13Suite(String name) {
    return name.startsWith("TLS_AES_") || name.startsWith("TLS_CHACHA20_");
  }
}
