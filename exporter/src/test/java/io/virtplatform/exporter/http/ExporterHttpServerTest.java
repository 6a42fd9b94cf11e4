package io.virtplatform.exporter.http;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.THRASHING_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.util.Headers;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExporterHttpServerTest {

  private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
      + "*/*;q=0.1";
  private static final String OPENMETRICS_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MetricStore store = MetricStore.forCatalog();
  private final AtomicReference<Optional<String>> notReadyReason =
      new AtomicReference<>(Optional.of("waiting for informers: kubevirts"));
  private final ExporterHttpServer server = new ExporterHttpServer(
      new InetSocketAddress("127.0.0.1", 0), store, new SelfMetrics("test"), notReadyReason::get);
  private final HttpTestClient http = new HttpTestClient(server);

  @BeforeEach
  void fillStore() {
    store.put(THRASHING_TOTAL, "KubeVirt//kubevirt",
        List.of(Sample.of(2, "KubeVirt", "kubevirt", "")));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void servesOpenMetricsToPrometheus() {
    server.start();

    HttpResponse<String> response = http.get("/metrics", "Accept", PROMETHEUS_ACCEPT);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(OPENMETRICS_TYPE);
    assertThat(response.body())
        .contains("# TYPE virt_platform_thrashing counter\n",
            "virt_platform_thrashing_total{kind=\"KubeVirt\",name=\"kubevirt\",namespace=\"\"} 2\n")
        .endsWith("\n# EOF\n");
    assertThat(response.body().lines().filter(line -> line.equals("# EOF"))).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "text/plain", "*/*"})
  void servesClassicTextOtherwise(String accept) {
    server.start();

    HttpResponse<String> response = accept.isEmpty()
        ? http.get("/metrics") : http.get("/metrics", "Accept", accept);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(TEXT_TYPE);
    assertThat(response.body())
        .contains("# TYPE virt_platform_thrashing_total counter\n",
            "virt_platform_thrashing_total{kind=\"KubeVirt\",name=\"kubevirt\",namespace=\"\"} 2\n")
        .doesNotContain("# EOF");
  }

  @Test
  void gzipsWhenTheClientAcceptsIt() throws IOException {
    server.start();

    HttpResponse<byte[]> zipped = http.getBytes("/metrics", "Accept-Encoding", "gzip");
    HttpResponse<String> plain = http.get("/metrics");

    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.headers().firstValue("Vary")).hasValueSatisfying(
        vary -> assertThat(vary).contains("Accept-Encoding"));
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(withoutJvmMetrics(gunzip(zipped.body())))
        .isEqualTo(withoutJvmMetrics(plain.body()));
  }

  @Test
  void readinessFollowsTheSupplier() {
    server.start();

    HttpResponse<String> notReady = http.get("/readyz");
    notReadyReason.set(Optional.empty());
    HttpResponse<String> ready = http.get("/readyz");

    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("waiting for informers: kubevirts");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ok\n");
  }

  @Test
  void livenessIsAlwaysOkAndUnknownPathsAreNotFound() {
    server.start();

    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(http.get("/healthz").body()).isEqualTo("ok\n");
    assertThat(http.get("/nope").statusCode()).isEqualTo(404);
    assertThat(http.get("/metrics/extra").statusCode()).isEqualTo(404);
  }

  @Test
  void addedRoutesRunBlockingOnWorkerThreadsAndAreListedOnTheIndex() {
    server.route("/api/v1/drift", "drift report", exchange -> {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
      exchange.getResponseSender().send("io=" + exchange.isInIoThread()
          + " blocking=" + exchange.isBlocking());
    });
    server.start();

    HttpResponse<String> index = http.get("/");

    assertThat(http.get("/api/v1/drift").body()).isEqualTo("io=false blocking=true");
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(index.body()).contains("<a href=\"/metrics\">", "<a href=\"/healthz\">",
        "<a href=\"/readyz\">", "<a href=\"/api/v1/drift\">/api/v1/drift</a> &ndash; drift report");
  }

  @Test
  void refusesDuplicateRoutesAndRoutesAfterStart() {
    assertThatThrownBy(() -> server.route("/metrics", exchange -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/metrics");

    server.start();

    assertThatThrownBy(() -> server.route("/late", exchange -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/late");
  }

  @Test
  void namesTheAddressItCannotBind() {
    server.start();
    ExporterHttpServer second = new ExporterHttpServer(
        new InetSocketAddress("127.0.0.1", server.port()), store, new SelfMetrics("test"),
        Optional::empty);

    assertThatThrownBy(second::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1:" + server.port());
  }

  private static String gunzip(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** JVM and process values move between two requests; the exporter's own lines must not. */
  private static String withoutJvmMetrics(String text) {
    return text.lines()
        .filter(line -> line.startsWith("virt_platform_") || line.contains(" virt_platform_"))
        .reduce("", (all, line) -> all + line + "\n");
  }
}
