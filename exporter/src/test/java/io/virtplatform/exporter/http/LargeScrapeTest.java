package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.testing.Exposition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A body many times the response buffer arrives whole, in order, plain and gzipped. */
class LargeScrapeTest {

  private final MetricStore store = MetricStore.forCatalog();
  private final ExporterHttpServer server = new ExporterHttpServer(
      new InetSocketAddress("127.0.0.1", 0), store, new SelfMetrics("t"), Optional::empty);
  private final HttpTestClient http = new HttpTestClient(server);
  private String storeText;

  @BeforeEach
  void fillWithSeveralBuffersOfSeries() {
    for (int i = 0; i < 30_000; i++) {
      String name = String.format("object-%05d", i);
      store.put(ExportedMetric.COMPLIANCE_STATUS, name,
          List.of(Sample.of(i % 2, "ConfigMap", name, "namespace-" + (i % 7))));
    }
    storeText = Exposition.text(store::writeTo, ExpositionFormat.PROMETHEUS_TEXT_004);
    // Far more than a socket buffer holds, so the body goes out in many non-blocking writes.
    assertThat(storeText.length()).isGreaterThan(2 * 1024 * 1024);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void plainBodyStartsWithEveryStoreLineInOrder() {
    HttpResponse<String> plain = http.get("/metrics");

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.body()).startsWith(storeText).contains("virt_platform_exporter_build_info");
  }

  @Test
  void gzipBodyInflatesToTheSameStoreLines() throws IOException {
    HttpResponse<byte[]> zipped = http.getBytes("/metrics", "Accept-Encoding", "gzip");

    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith(storeText);
    }
  }
}
