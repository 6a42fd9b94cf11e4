package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.testing.Promtool;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Everything /metrics can expose, as real parsers and linters see it. */
class ExpositionConformanceTest {

  private final MetricStore store = MetricStore.forCatalog();
  private final SelfMetrics self = new SelfMetrics("0.1.0-test");
  private final ExporterHttpServer server = new ExporterHttpServer(
      new InetSocketAddress("127.0.0.1", 0), store, self, Optional::empty);
  private final HttpTestClient http = new HttpTestClient(server);

  @BeforeEach
  void exposeOneSeriesOfEveryFamily() {
    for (ExportedMetric family : ExportedMetric.values()) {
      if (family.origin() == ExportedMetric.Origin.STORE) {
        String[] labelValues = family.labelNames().stream()
            .map(label -> label + " \"quoted\" back\\slash\nnext line ü")
            .toArray(String[]::new);
        store.put(family, "owner", List.of(Sample.of(1, labelValues)));
      }
    }
    self.informerSynced("kubevirts.kubevirt.io", true);
    self.watchError("kubevirts.kubevirt.io");
    self.configLoaded(Instant.now());
    self.evaluated(Instant.now());
    self.tlsReloaded("serving_certificate", true);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void promtoolAcceptsTheClassicTextFormat() {
    Promtool.assertMetricsPass(http.get("/metrics", "Accept", "text/plain").body());
  }

  @Test
  void openMetricsOutputIsWellFormed() {
    String text = http.get("/metrics", "Accept", "application/openmetrics-text").body();

    assertThat(OpenMetricsStructure.problems(text)).isEmpty();
    for (ExportedMetric family : ExportedMetric.values()) {
      String name = family.metricName();
      assertThat(text.lines()).as("samples of %s", name)
          .anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }
  }

  @Test
  void structureCheckCatchesWhatConcatenationCouldBreak() {
    assertThat(OpenMetricsStructure.problems(
        "# TYPE a counter\na_total 1\n# EOF\n# TYPE b gauge\nb 1\n# EOF\n"))
        .anyMatch(problem -> problem.contains("# EOF before the end"));
    assertThat(OpenMetricsStructure.problems("# TYPE a counter\na 1\n# EOF\n"))
        .anyMatch(problem -> problem.contains("does not belong to counter family a"));
    assertThat(OpenMetricsStructure.problems(
        "# TYPE a gauge\na 1\n# TYPE b gauge\n# TYPE a gauge\n# EOF\n"))
        .anyMatch(problem -> problem.contains("family a declared again"));
    assertThat(OpenMetricsStructure.problems("# TYPE a gauge\na 1\n# HELP a help\n# EOF\n"))
        .anyMatch(problem -> problem.contains("metadata after samples"));
    assertThat(OpenMetricsStructure.problems("# TYPE a gauge\na 1\n"))
        .anyMatch(problem -> problem.contains("does not end"));
  }
}
