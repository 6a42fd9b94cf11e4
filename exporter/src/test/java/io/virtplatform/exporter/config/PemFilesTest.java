package io.virtplatform.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys as openssl, cert-manager (Go) and the OpenShift service CA write them. */
class PemFilesTest {

  private static Path pem(String name) throws URISyntaxException {
    return Path.of(PemFilesTest.class.getResource("/pem/" + name).toURI());
  }

  @ParameterizedTest
  @CsvSource({"sec1-ec.crt,sec1-ec.key,EC", "sec1-ec.crt,pkcs8-ec.key,EC",
      "pkcs1-rsa.crt,pkcs1-rsa.key,RSA"})
  void readsEveryUsualKeyForm(String cert, String key, String algorithm) throws Exception {
    PemFiles.ServerCertificate loaded = PemFiles.serverCertificate(pem(cert), pem(key));

    assertThat(loaded.key().getAlgorithm()).isEqualTo(algorithm);
    assertThat(loaded.chain()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"sec1-ec.crt,pkcs1-rsa.key,does not belong", "pkcs1-rsa.key,pkcs1-rsa.key,no PEM"
      + " certificate", "pkcs1-rsa.crt,pkcs1-rsa.crt,no unencrypted PEM private key"})
  void refusesWhatDoesNotFit(String cert, String key, String message) {
    assertThatThrownBy(() -> PemFiles.serverCertificate(pem(cert), pem(key)))
        .isInstanceOf(IOException.class).hasMessageContaining(message);
  }
}
