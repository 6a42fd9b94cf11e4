package io.virtplatform.exporter.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedExpositionTest {

  private final AtomicInteger collections = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final CachedExposition cached;

  CachedExpositionTest() {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new Collector() {
      @Override
      public MetricSnapshot collect() {
        int collection = collections.incrementAndGet();
        return GaugeSnapshot.builder().name("costly").help("Collected on each render.")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(collection).build())
            .build();
      }

      @Override
      public String getPrometheusName() {
        return "costly";
      }
    });
    cached = new CachedExposition(registry, Duration.ofSeconds(1), nanos::get);
  }

  @Test
  void collectsAtMostOncePerMaxAgeAndFormat() {
    assertThat(text(ExpositionFormat.PROMETHEUS_TEXT_004)).contains("costly 1.0\n");
    nanos.addAndGet(999_999_999L);
    assertThat(text(ExpositionFormat.PROMETHEUS_TEXT_004)).contains("costly 1.0\n");
    assertThat(collections).hasValue(1);

    nanos.addAndGet(1L);
    assertThat(text(ExpositionFormat.PROMETHEUS_TEXT_004)).contains("costly 2.0\n");

    // The other format has its own rendering, made on its first use.
    assertThat(text(ExpositionFormat.OPENMETRICS_100)).contains("costly 3.0\n");
    assertThat(collections).hasValue(3);
  }

  @Test
  void openMetricsRenderingLeavesTheEofToWhatFollows() {
    String text = text(ExpositionFormat.OPENMETRICS_100);

    assertThat(text).startsWith("# TYPE costly gauge\n").doesNotContain("# EOF");
    assertThat(text).endsWith("costly 1.0\n");
  }

  private String text(ExpositionFormat format) {
    return new String(cached.bytes(format), StandardCharsets.UTF_8);
  }
}
