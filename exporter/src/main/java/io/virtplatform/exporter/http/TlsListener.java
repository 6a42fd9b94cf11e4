package io.virtplatform.exporter.http;

import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.xnio.SslClientAuthMode;

/**
 * How the HTTPS listener negotiates: the context (whose key manager may swap certificates at
 * runtime), whether it asks clients for a certificate, and the protocol versions and cipher
 * suites it enables, by their JSSE names.
 *
 * @param reloads takes the observer to tell whether each reload of the TLS files worked
 */
public record TlsListener(SSLContext context, SslClientAuthMode clientAuth,
    List<String> protocols, List<String> cipherSuites, Consumer<ReloadObserver> reloads) {

  /** Told the outcome of the first load, and of each load after the files change. */
  public interface ReloadObserver {
    /** @param files {@code serving_certificate} or {@code client_ca} */
    void reloaded(String files, boolean success);
  }

  public TlsListener {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }
}
