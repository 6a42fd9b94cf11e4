package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpHygieneTest {

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();
  private ExporterHttpServer server;

  @AfterEach
  void stop() {
    server.stop();
  }

  private void start(Map<String, String> headers) {
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0),
        MetricStore.forCatalog(), new SelfMetrics("test"), Optional::empty,
        new Protection(Optional.empty(), AccessCheck.OPEN, headers))
        .route("/drift", "drift", exchange -> exchange.getResponseSender().send("<p>x</p>"));
    server.start();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "x"))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @CsvSource({"POST,/metrics", "PUT,/drift", "DELETE,/", "OPTIONS,/healthz", "PATCH,/readyz",
      "TRACE,/metrics", "POST,/nope"})
  void onlyGetAndHeadAreServed(String method, String path) throws Exception {
    start(Map.of());

    HttpResponse<String> response = send(method, path);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void headAnswersLikeGetWithoutABody() throws Exception {
    start(Map.of());

    HttpResponse<String> head = send("HEAD", "/metrics");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(head.body()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"/", "/drift", "/metrics", "/healthz"})
  void pagesCarryTheBrowserHardeningHeaders(String path) throws Exception {
    start(Map.of());

    HttpResponse<String> response = send("GET", path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'")
            .doesNotContain("script-src"));
  }

  @Test
  void configuredHeadersAreAddedAndMayOverrideTheDefaults() throws Exception {
    start(Map.of("Strict-Transport-Security", "max-age=31536000", "X-Frame-Options", "SAMEORIGIN"));

    HttpResponse<String> response = send("GET", "/");

    assertThat(response.headers().firstValue("Strict-Transport-Security"))
        .hasValue("max-age=31536000");
    assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
  }
}
