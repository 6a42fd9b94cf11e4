package io.virtplatform.exporter.core.diagnostics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtplatform.exporter.testing.SelfSignedCa;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CaBundleTest {

  private static final Instant LAST_YEAR = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant EXPIRED = Instant.parse("2025-06-30T12:00:00Z");
  private static final Instant VALID = Instant.parse("2031-03-15T08:30:00Z");

  private static String ca(Instant notAfter) {
    return SelfSignedCa.pem("test-ca", LAST_YEAR, notAfter);
  }

  @Test
  void readsTheExpiryOfAValidCa() {
    assertThat(CaBundle.earliestExpiry(SelfSignedCa.caBundle(ca(VALID)))).isEqualTo(VALID);
  }

  @Test
  void readsTheExpiryOfAnExpiredCaToo() {
    assertThat(CaBundle.earliestExpiry(SelfSignedCa.caBundle(ca(EXPIRED)))).isEqualTo(EXPIRED);
  }

  @Test
  void aBundleDuringRotationReportsItsEarliestCa() {
    String bundle = SelfSignedCa.caBundle(ca(VALID) + ca(EXPIRED));

    assertThat(CaBundle.earliestExpiry(bundle)).isEqualTo(EXPIRED);
  }

  @Test
  void rejectsWhatIsNotBase64PemCertificates() {
    assertThatThrownBy(() -> CaBundle.earliestExpiry("-----BEGIN CERTIFICATE-----"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not base64");
    assertThatThrownBy(() -> CaBundle.earliestExpiry(base64("not a certificate")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not PEM");
    assertThatThrownBy(() -> CaBundle.earliestExpiry(base64("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("holds no certificate");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
