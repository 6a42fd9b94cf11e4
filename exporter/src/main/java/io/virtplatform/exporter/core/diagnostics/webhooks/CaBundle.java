package io.virtplatform.exporter.core.diagnostics.webhooks;

import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;

/** Reads the {@code caBundle} of a webhook: base64 of one or more PEM certificates. */
final class CaBundle {

  private CaBundle() {}

  /**
   * When the first certificate of the bundle expires. During a CA rotation the bundle holds the
   * old and the new CA; the old one expiring is reported, since the exporter cannot see which CA
   * signed the serving certificate.
   *
   * @throws IllegalArgumentException naming why the bundle cannot be read
   */
  static Instant earliestExpiry(String base64) {
    byte[] pem;
    try {
      pem = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
    }
    Collection<? extends Certificate> certificates;
    try {
      certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
    }
    return certificates.stream()
        .map(c -> ((X509Certificate) c).getNotAfter().toInstant())
        .min(Comparator.naturalOrder())
        .orElseThrow(() -> new IllegalArgumentException("holds no certificate"));
  }
}
