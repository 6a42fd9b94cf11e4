package io.virtplatform.exporter.core.metrics;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.THRASHING_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.testing.Exposition;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsExpositionTest {

  private final MetricStore store = MetricStore.forCatalog();
  private final SelfMetrics self = new SelfMetrics("t");
  private final MetricsExposition exposition = new MetricsExposition(store, self);

  @Test
  void openMetricsHasStoreThenSelfFamiliesAndOneEofAtTheEnd() {
    store.put(THRASHING_TOTAL, "a", List.of(Sample.of(1, "K", "a", "")));

    String text = text(ExpositionFormat.OPENMETRICS_100);

    assertThat(text).endsWith("\n# EOF\n");
    assertThat(text.lines().filter(line -> line.startsWith("# EOF"))).hasSize(1);
    assertThat(text.indexOf("# TYPE virt_platform_thrashing counter"))
        .isNotNegative()
        .isLessThan(text.indexOf("# TYPE virt_platform_exporter_build_info gauge"));
  }

  @Test
  void classicTextHasNoEof() {
    self.watchError("pods");

    String text = text(ExpositionFormat.PROMETHEUS_TEXT_004);

    assertThat(text).doesNotContain("# EOF")
        .contains("# TYPE virt_platform_thrashing_total counter\n",
            "# TYPE virt_platform_exporter_watch_errors_total counter\n");
  }

  private String text(ExpositionFormat format) {
    return Exposition.text(exposition::writeTo, format);
  }
}
