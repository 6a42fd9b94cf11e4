package io.virtplatform.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtplatform.exporter.config.WebConfig;
import io.virtplatform.exporter.config.WebConfigLoader;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.http.ExporterHttpServer;
import io.virtplatform.exporter.testing.TestPki;
import io.virtplatform.exporter.testing.TestPki.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with certificates the test makes: real handshakes over loopback, a certificate rotated
 * under a running scraper, mutual TLS, the protocol floor, and basic auth on top.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsEndpointTest {

  @TempDir
  Path dir;

  private static final String RELOAD_SUCCESS =
      "virt_platform_exporter_tls_reload_success{files=\"serving_certificate\"}";

  private final Issued ca = TestPki.ca("test-ca");
  private ExporterHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private void serve(String webConfig) throws IOException {
    Path file = dir.resolve("web.yaml");
    Files.writeString(file, webConfig);
    WebConfigLoader.Result result = WebConfigLoader.load(file);
    assertThat(result.errors()).isEmpty();
    WebConfig web = result.config().orElseThrow();
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0),
        MetricStore.forCatalog(), new SelfMetrics("test"), Optional::empty,
        Protections.create(web, Optional.empty()));
    server.start();
  }

  /** One request on a connection of its own, so that every request makes a new handshake. */
  private record Answer(String statusLine, BigInteger serverSerial, String protocol,
      String body) {
  }

  private Answer get(SSLContext context, String path, String... headers) throws IOException {
    return getWith(context, null, path, headers);
  }

  private Answer getWith(SSLContext context, String protocol, String path, String... headers)
      throws IOException {
    return exchange(context, protocol, null, path, headers);
  }

  private Answer getWithSuite(SSLContext context, String protocol, String cipherSuite,
      String path) throws IOException {
    return exchange(context, protocol, cipherSuite, path, new String[0]);
  }

  private Answer exchange(SSLContext context, String protocol, String cipherSuite, String path,
      String[] headers) throws IOException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      if (protocol != null) {
        socket.setEnabledProtocols(new String[] {protocol});
      }
      if (cipherSuite != null) {
        socket.setEnabledCipherSuites(new String[] {cipherSuite});
      }
      socket.startHandshake();
      StringBuilder request = new StringBuilder("GET " + path
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      socket.getOutputStream().write(request.append("\r\n").toString()
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      return new Answer(response.lines().findFirst().orElse(""), peer.getSerialNumber(),
          socket.getSession().getProtocol(),
          response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }

  private String tlsConfig(String extra) throws IOException {
    TestPki.server(ca).write(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    return "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n" + extra;
  }

  @Test
  void servesHttpsWithTheConfiguredCertificate() throws Exception {
    serve(tlsConfig(""));
    BigInteger expected = PemSerial.of(dir.resolve("tls.crt"));

    Answer answer = get(TestPki.trustingContext(ca), "/metrics");

    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(answer.serverSerial()).isEqualTo(expected);
    assertThat(answer.protocol()).isEqualTo("TLSv1.3");
    assertThat(answer.body()).contains(RELOAD_SUCCESS + " 1.0\n")
        .doesNotContain("files=\"client_ca\"");
  }

  @Test
  void refusesProtocolsBelowMinVersion() throws Exception {
    serve(tlsConfig("  min_version: TLS13\n"));

    assertThatThrownBy(() -> getWith(TestPki.trustingContext(ca), "TLSv1.2", "/metrics"))
        .isInstanceOf(SSLException.class);
    assertThat(getWith(TestPki.trustingContext(ca), "TLSv1.3", "/metrics").statusLine())
        .isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void offersOnlyTheConfiguredTls12CipherSuites() throws Exception {
    serve(tlsConfig("  max_version: TLS12\n"
        + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n"));
    SSLContext client = TestPki.trustingContext(ca);

    assertThat(getWithSuite(client, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "/metrics")
        .statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThatThrownBy(() -> getWithSuite(client, "TLSv1.2",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "/metrics")).isInstanceOf(SSLException.class);
    assertThatThrownBy(() -> getWith(client, "TLSv1.3", "/metrics"))
        .as("max_version TLS12").isInstanceOf(SSLException.class);
  }

  @Test
  void verifyClientCertIfGivenAdmitsClientsWithoutOneButNotWithAForeignOne() throws Exception {
    Issued clientCa = TestPki.ca("client-ca");
    Files.writeString(dir.resolve("client-ca.crt"), TestPki.pem(clientCa.certificate()));
    serve(tlsConfig("  client_auth_type: VerifyClientCertIfGiven\n"
        + "  client_ca_file: client-ca.crt\n"));

    assertThat(get(TestPki.trustingContext(ca), "/metrics").statusLine())
        .isEqualTo("HTTP/1.1 200 OK");
    assertThat(get(TestPki.client(clientCa, "prometheus").clientContext(ca), "/metrics")
        .statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThatThrownBy(() -> get(TestPki.client(TestPki.ca("other"), "x").clientContext(ca),
        "/metrics")).isInstanceOf(IOException.class);
  }

  @Test
  void aRotatedCertificateIsServedWithoutARestartAndNoScrapeFails() throws Exception {
    serve(tlsConfig(""));
    BigInteger first = PemSerial.of(dir.resolve("tls.crt"));
    List<Object> answers = new CopyOnWriteArrayList<>();
    AtomicBoolean scraping = new AtomicBoolean(true);
    Thread scraper = new Thread(() -> {
      while (scraping.get()) {
        try {
          // A new context each time: a resumed TLS session would not show the new certificate.
          answers.add(get(TestPki.trustingContext(ca), "/metrics"));
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
          answers.add(e);
        }
      }
    }, "scraper");
    scraper.start();
    Thread.sleep(300);

    Issued next = TestPki.server(ca);
    // As a careless writer would: the certificate first, the key a moment later. In between
    // the files do not match; the old certificate must go on being served.
    Files.writeString(dir.resolve("tls.crt"), TestPki.pem(next.certificate()));
    Thread.sleep(1500);
    String halfway = get(TestPki.trustingContext(ca), "/metrics").body();
    Files.writeString(dir.resolve("tls.key"), TestPki.pem(next.keys().getPrivate()));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && !servedSerial(answers, next)) {
      Thread.sleep(100);
    }
    scraping.set(false);
    scraper.join();

    List<Object> failures = new ArrayList<>(answers);
    failures.removeIf(answer -> answer instanceof Answer ok
        && ok.statusLine().equals("HTTP/1.1 200 OK"));
    assertThat(failures).as("failed scrapes").isEmpty();
    assertThat(answers).first().extracting(a -> ((Answer) a).serverSerial()).isEqualTo(first);
    assertThat(servedSerial(answers, next)).as("new certificate served").isTrue();
    assertThat(halfway).contains(RELOAD_SUCCESS + " 0.0\n");
    assertThat(get(TestPki.trustingContext(ca), "/metrics").body())
        .contains(RELOAD_SUCCESS + " 1.0\n");
    System.out.printf("TlsEndpointTest: %d scrapes during the rotation, none failed%n",
        answers.size());
  }

  private static boolean servedSerial(List<Object> answers, Issued certificate) {
    return answers.stream().anyMatch(a -> a instanceof Answer answer
        && answer.serverSerial().equals(certificate.certificate().getSerialNumber()));
  }

  @Test
  void mutualTlsAcceptsOnlyClientsWithACertificateOfTheClientCa() throws Exception {
    Issued clientCa = TestPki.ca("client-ca");
    Files.writeString(dir.resolve("client-ca.crt"), TestPki.pem(clientCa.certificate()));
    serve(tlsConfig("  client_auth_type: RequireAndVerifyClientCert\n"
        + "  client_ca_file: client-ca.crt\n"));
    Issued prometheus = TestPki.client(clientCa, "prometheus");
    Issued stranger = TestPki.client(TestPki.ca("other-ca"), "stranger");

    assertThat(get(prometheus.clientContext(ca), "/metrics").statusLine())
        .isEqualTo("HTTP/1.1 200 OK");
    assertThatThrownBy(() -> get(TestPki.trustingContext(ca), "/metrics"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get(stranger.clientContext(ca), "/metrics"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void basicAuthGuardsEverythingButTheProbes() throws Exception {
    // htpasswd -nbBC 10 prometheus s3cret
    String hash = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y",
        "s3cret".toCharArray(), new byte[16], 10);
    serve(tlsConfig("basic_auth_users:\n  prometheus: '" + hash + "'\n"));
    SSLContext client = TestPki.trustingContext(ca);
    String good = "Authorization: Basic " + java.util.Base64.getEncoder()
        .encodeToString("prometheus:s3cret".getBytes(StandardCharsets.UTF_8));
    String bad = "Authorization: Basic " + java.util.Base64.getEncoder()
        .encodeToString("prometheus:guess".getBytes(StandardCharsets.UTF_8));
    String unknown = "Authorization: Basic " + java.util.Base64.getEncoder()
        .encodeToString("root:s3cret".getBytes(StandardCharsets.UTF_8));

    assertThat(get(client, "/metrics").statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(get(client, "/metrics", bad).statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(get(client, "/", unknown).statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(get(client, "/metrics", good).statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(get(client, "/", good).statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(get(client, "/healthz").statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(get(client, "/readyz").statusLine()).isEqualTo("HTTP/1.1 200 OK");
  }
}
