package io.virtplatform.benchmarks;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.virtplatform.benchmarks.scale.ScrapeComparison;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one scrape of the per-resource families for N managed resources: the exporter's
 * store of pre-rendered bytes against the same series held in client_java gauges and written by
 * client_java's text writer (which snapshots, sorts and formats every series on every scrape).
 * Also the cost of re-rendering one resource when it changes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {

  private static final List<ExportedMetric> PER_RESOURCE = ScrapeComparison.FAMILIES;

  @Param({"1000", "10000"})
  public int resources;

  private MetricStore store;
  private PrometheusRegistry registry;
  private final PrometheusTextFormatWriter clientJavaWriter =
      PrometheusTextFormatWriter.create();
  private int next;

  @Setup(Level.Trial)
  public void fill() {
    store = MetricStore.forCatalog();
    registry = new PrometheusRegistry();
    for (ExportedMetric family : PER_RESOURCE) {
      Gauge gauge = Gauge.builder().name(family.metricName().replace("_total", ""))
          .help(family.help()).labelNames("kind", "name", "namespace").register(registry);
      for (int i = 0; i < resources; i++) {
        gauge.labelValues("ConfigMap", "object-" + i, "namespace-" + (i % 50)).set(1);
      }
    }
    for (int i = 0; i < resources; i++) {
      render(i, 1);
    }
  }

  private void render(int i, double value) {
    String key = "ConfigMap\u0000namespace-" + (i % 50) + "\u0000object-" + i;
    for (ExportedMetric family : PER_RESOURCE) {
      store.put(family, key,
          List.of(Sample.of(value, "ConfigMap", "object-" + i, "namespace-" + (i % 50))));
    }
  }

  @Benchmark
  public void scrapeStore(Blackhole bh) throws IOException {
    store.writeTo(new CountingStream(bh), ExpositionFormat.PROMETHEUS_TEXT_004);
  }

  @Benchmark
  public void scrapeClientJavaRegistry(Blackhole bh) throws IOException {
    clientJavaWriter.write(new CountingStream(bh), registry.scrape());
  }

  /** Each call changes the resource's values (0 and 1 in turns), as a real change does. */
  @Benchmark
  public void rerenderOneResource() {
    int round = next / resources;
    render(next++ % resources, round % 2);
  }

  /** Discards the bytes but lets JMH see them, as a socket would take them. */
  private static final class CountingStream extends OutputStream {
    private final Blackhole bh;

    CountingStream(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void write(int b) {
      bh.consume(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bh.consume(len);
    }
  }
}
