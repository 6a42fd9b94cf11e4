package io.virtplatform.exporter.http;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.xnio.SslClientAuthMode;

/**
 * How the HTTPS listener negotiates: the context (whose key manager may swap certificates at
 * runtime), whether it asks clients for a certificate, and the protocol versions and cipher
 * suites it enables, by their JSSE names.
 */
public record TlsListener(SSLContext context, SslClientAuthMode clientAuth,
    List<String> protocols, List<String> cipherSuites) {

  public TlsListener {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }
}
