package io.virtplatform.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.config.WebConfig.ClientAuth;
import io.virtplatform.exporter.testing.TestPki;
import io.virtplatform.exporter.testing.TestPki.Issued;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebConfigLoaderTest {

  @TempDir
  Path dir;

  private final Issued ca = TestPki.ca("ca");
  private String hash;

  @BeforeEach
  void files() throws IOException {
    TestPki.server(ca).write(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    Files.writeString(dir.resolve("ca.crt"), TestPki.pem(ca.certificate()));
    hash = OpenBSDBCrypt.generate("2y", "pw".toCharArray(), new byte[16], 4);
  }

  private WebConfigLoader.Result load(String text) throws IOException {
    Path file = dir.resolve("web.yaml");
    Files.writeString(file, text);
    return WebConfigLoader.load(file);
  }

  private List<String> errors(String text) throws IOException {
    return load(text).errors().stream().map(ConfigError::toString).toList();
  }

  private String at(int line) {
    return dir.resolve("web.yaml") + ":" + line + ": ";
  }

  @Test
  void readsTheExporterToolkitFormat() throws IOException {
    WebConfigLoader.Result result = load("""
        tls_server_config:
          cert_file: tls.crt
          key_file: tls.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
          min_version: TLS13
          cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
        http_server_config:
          headers:
            Strict-Transport-Security: max-age=31536000
        basic_auth_users:
          prometheus: '%s'
        """.formatted(hash));

    assertThat(result.errors()).isEmpty();
    WebConfig web = result.config().orElseThrow();
    WebConfig.Tls tls = web.tls().orElseThrow();
    assertThat(tls.certFile()).isEqualTo(dir.resolve("tls.crt"));
    assertThat(tls.clientCaFile()).contains(dir.resolve("ca.crt"));
    assertThat(tls.clientAuth()).isEqualTo(ClientAuth.REQUIRE_AND_VERIFY);
    assertThat(tls.protocols()).containsExactly("TLSv1.3");
    assertThat(tls.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(web.headers()).isEqualTo(Map.of("Strict-Transport-Security", "max-age=31536000"));
    assertThat(web.basicAuthUsers()).isEqualTo(Map.of("prometheus", hash));
  }

  @Test
  void anEmptyFileMeansPlainHttp() throws IOException {
    assertThat(load("# nothing\n").config()).contains(WebConfig.NONE);
  }

  @Test
  void defaultsToTls12AndAbove() throws IOException {
    WebConfig web = load("tls_server_config: {cert_file: tls.crt, key_file: tls.key}\n")
        .config().orElseThrow();

    assertThat(web.tls().orElseThrow().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(web.tls().orElseThrow().clientAuth()).isEqualTo(ClientAuth.NONE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tls_server_config: {cert_file: tls.crt}|1|tls_server_config: missing required key 'key_file'",
      "tls_server_config: {cert_file: tls.crt, key_file: tls.key, http2: true}|1|"
          + "tls_server_config: unknown key 'http2'",
      "tls_server_config: {cert_file: tls.crt, key_file: tls.key, client_auth_type: RequireAnyClientCert, client_ca_file: ca.crt}|1|"
          + "tls_server_config.client_auth_type: 'RequireAnyClientCert' is not supported",
      "tls_server_config: {cert_file: tls.crt, key_file: tls.key, client_auth_type: VerifyClientCertIfGiven}|1|"
          + "tls_server_config: client_auth_type VERIFY_IF_GIVEN needs client_ca_file",
      "tls_server_config: {cert_file: tls.crt, key_file: tls.key, min_version: TLS10}|1|"
          + "tls_server_config.min_version: 'TLS10' is not supported",
      "tls_server_config: {cert_file: tls.crt, key_file: tls.key, min_version: TLS13, max_version: TLS12}|1|"
          + "tls_server_config: min_version TLS13 is above max_version TLS12",
      "tls_server_config: {cert_file: tls.crt, key_file: tls.key, cipher_suites: [NOPE]}|1|"
          + "tls_server_config.cipher_suites: unknown cipher suite 'NOPE'",
      "tls_server_config: {cert_file: missing.crt, key_file: tls.key}|1|tls_server_config: ",
      "tls_server_config: {cert_file: ca.crt, key_file: tls.key}|1|"
          + "the private key does not belong to the first certificate",
      "http_server_config:\\n  headers:\\n    Content-Type: text/html|3|"
          + "http_server_config.headers: Content-Type is set by the exporter",
      "basic_auth_users:\\n  prometheus: plaintext|2|basic_auth_users.prometheus: not a bcrypt hash",
      "basic_auth: {}|1|unknown top-level key 'basic_auth'",
      "tls_server_config: [a]|1|tls_server_config must be a mapping",
      "tls_server_config: {cert_file: tls.crt|2|invalid YAML"})
  void rejectsWithFileAndLine(String text, int line, String message) throws IOException {
    List<String> errors = errors(text.replace("\\n", "\n") + "\n");

    assertThat(errors).anySatisfy(error -> assertThat(error).startsWith(at(line))
        .contains(message));
    assertThat(load(text.replace("\\n", "\n")).config()).isEmpty();
  }

  @Test
  void namesAMissingFile() throws IOException {
    assertThat(errors("tls_server_config: {cert_file: missing.crt, key_file: tls.key}\n"))
        .containsExactly(at(1) + "tls_server_config: " + dir.resolve("missing.crt")
            + ": no such file");
  }

  @Test
  void listsEveryErrorTopToBottom() throws IOException {
    assertThat(errors("""
        tls_server_config:
          cert_file: nope.crt
          key_file: nope.key
          min_version: TLS11
        basic_auth_users:
          a: plain
        """)).extracting(error -> error.substring(0, error.indexOf(": ")))
        .containsExactly(at(2).substring(0, at(2).length() - 2),
            at(4).substring(0, at(4).length() - 2), at(6).substring(0, at(6).length() - 2));
  }
}
