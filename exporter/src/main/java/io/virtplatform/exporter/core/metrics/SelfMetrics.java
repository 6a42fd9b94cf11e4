package io.virtplatform.exporter.core.metrics;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_BUILD_INFO;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_CONFIG_LAST_RELOAD_SUCCESS_TIMESTAMP_SECONDS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_CONFIG_RELOAD_SUCCESS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_INFORMER_SYNCED;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_LAST_EVALUATION_TIMESTAMP_SECONDS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_SCRAPE_ERRORS_TOTAL;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_TLS_RELOAD_SUCCESS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_WATCH_ERRORS_TOTAL;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Metrics about the exporter itself: the {@link ExportedMetric.Origin#SELF} families of the
 * catalog, kept in a client_java registry of their own and rendered fresh on every scrape (they
 * are few), plus JVM metrics, rendered at most once per {@link #JVM_METRICS_MAX_AGE}: collecting
 * them (thread states, memory pools) cost a tenth of a 100k-series scrape.
 */
public final class SelfMetrics {

  /** Reported when the classes do not come from the packaged jar, e.g. in tests or an IDE. */
  public static final String UNPACKAGED_VERSION = "dev";

  /** Why a /metrics response could not be written completely: the {@code reason} label. */
  public enum ScrapeError {
    WRITE_TIMEOUT("write_timeout"),
    CLIENT_DISCONNECTED("client_disconnected");

    private final String label;

    ScrapeError(String label) {
      this.label = label;
    }
  }

  /** How old the JVM metrics on /metrics may be; see {@link CachedExposition}. */
  public static final Duration JVM_METRICS_MAX_AGE = Duration.ofSeconds(1);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CachedExposition jvm;
  private final Map<ExportedMetric, Gauge> gauges = new EnumMap<>(ExportedMetric.class);
  private final Map<ExportedMetric, Counter> counters = new EnumMap<>(ExportedMetric.class);

  /** Reports the Implementation-Version of the exporter jar as build version. */
  public SelfMetrics() {
    this(jarVersion());
  }

  public SelfMetrics(String version) {
    for (ExportedMetric metric : ExportedMetric.values()) {
      if (metric.origin() == ExportedMetric.Origin.SELF) {
        register(metric);
      }
    }
    gauges.get(EXPORTER_BUILD_INFO).labelValues(version).set(1);
    // Every reason starts at 0, so that increase() sees the first error.
    for (ScrapeError reason : ScrapeError.values()) {
      counters.get(EXPORTER_SCRAPE_ERRORS_TOTAL).labelValues(reason.label);
    }
    PrometheusRegistry jvmRegistry = new PrometheusRegistry();
    JvmMetrics.builder().register(jvmRegistry);
    jvm = new CachedExposition(jvmRegistry, JVM_METRICS_MAX_AGE);
  }

  /**
   * Call with {@code false} when an informer starts, so that its series exist before anything
   * goes wrong: this also creates its watch-error counter at 0, without which {@code increase()}
   * could not see the first error.
   */
  public void informerSynced(String resource, boolean synced) {
    gauges.get(EXPORTER_INFORMER_SYNCED).labelValues(resource).set(synced ? 1 : 0);
    counters.get(EXPORTER_WATCH_ERRORS_TOTAL).labelValues(resource);
  }

  /** Drops the resource's informer series once the exporter no longer watches it. */
  public void forgetInformer(String resource) {
    gauges.get(EXPORTER_INFORMER_SYNCED).remove(resource);
    counters.get(EXPORTER_WATCH_ERRORS_TOTAL).remove(resource);
  }

  public void watchError(String resource) {
    counters.get(EXPORTER_WATCH_ERRORS_TOTAL).labelValues(resource).inc();
  }

  public void configLoaded(Instant when) {
    gauges.get(EXPORTER_CONFIG_RELOAD_SUCCESS).set(1);
    gauges.get(EXPORTER_CONFIG_LAST_RELOAD_SUCCESS_TIMESTAMP_SECONDS).set(epochSeconds(when));
  }

  public void configLoadFailed() {
    gauges.get(EXPORTER_CONFIG_RELOAD_SUCCESS).set(0);
  }

  /** @param files {@code serving_certificate} or {@code client_ca} */
  public void tlsReloaded(String files, boolean success) {
    gauges.get(EXPORTER_TLS_RELOAD_SUCCESS).labelValues(files).set(success ? 1 : 0);
  }

  public void evaluated(Instant when) {
    gauges.get(EXPORTER_LAST_EVALUATION_TIMESTAMP_SECONDS).set(epochSeconds(when));
  }

  public void scrapeError(ScrapeError reason) {
    counters.get(EXPORTER_SCRAPE_ERRORS_TOTAL).labelValues(reason.label).inc();
  }

  /**
   * The self metrics as arrays to send in order: the JVM metrics as last rendered (shared by
   * the scrapes of up to {@link #JVM_METRICS_MAX_AGE}, so to be read only, never copied), then the
   * exporter's own, rendered now. In OpenMetrics the last ends with the document's {@code # EOF}.
   */
  byte[][] render(ExpositionFormat format) {
    return new byte[][] {jvm.bytes(format), format.write(registry.scrape())};
  }

  private void register(ExportedMetric metric) {
    String[] labelNames = metric.labelNames().toArray(String[]::new);
    String name = ExpositionText.familyName(metric);
    switch (metric.type()) {
      case GAUGE -> gauges.put(metric, Gauge.builder().name(name).help(metric.help())
          .labelNames(labelNames).register(registry));
      case COUNTER -> counters.put(metric, Counter.builder().name(name).help(metric.help())
          .labelNames(labelNames).register(registry));
      default -> throw new IllegalStateException("no self-metric support for " + metric.type());
    }
  }

  private static double epochSeconds(Instant when) {
    return when.toEpochMilli() / 1000.0;
  }

  /** The version the jar was built as, or {@value #UNPACKAGED_VERSION} outside a jar. */
  public static String jarVersion() {
    String version = SelfMetrics.class.getPackage().getImplementationVersion();
    return version == null ? UNPACKAGED_VERSION : version;
  }
}
