package io.virtplatform.bundle.dashboards;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks that every metric a dashboard queries exists: virt_platform_* metrics in the exporter's
 * catalog, JVM and process metrics in what client_java's JVM instrumentation really exposes, and
 * the few series Prometheus writes itself.
 */
final class DashboardMetrics {

  static final String PREFIX = "virt_platform_";

  /** Series no exporter exposes: Prometheus creates them. */
  static final Set<String> WRITTEN_BY_PROMETHEUS = Set.of(
      // one per scrape target and scrape: target health, scrape time and size
      "up", "scrape_duration_seconds", "scrape_samples_scraped",
      // one per pending or firing alert, written by the rule evaluator
      "ALERTS");

  private static final Map<String, ExportedMetric> CATALOG = Arrays.stream(ExportedMetric.values())
      .collect(Collectors.toMap(ExportedMetric::metricName, Function.identity()));

  private static Set<String> jvmMetrics;

  private DashboardMetrics() {}

  static List<String> violations(Dashboard dashboard) {
    List<String> violations = new ArrayList<>();
    for (DashboardQuery query : dashboard.queries()) {
      for (PromQlSelector selector : query.selectors()) {
        for (String name : selector.metricNames()) {
          check(query, selector, name, violations);
        }
      }
    }
    return violations;
  }

  private static void check(DashboardQuery query, PromQlSelector selector, String name,
      List<String> violations) {
    if (name.startsWith(PREFIX)) {
      if (!ExportedMetric.names().contains(name)) {
        violations.add(query.origin() + " uses " + name + ", which the exporter does not export");
      } else if (query.panelQuery() && CATALOG.get(name).labelNames().contains("namespace")
          && !selector.hasRegexMatcher("namespace", "$namespace")) {
        violations.add(query.origin() + " selects " + name
            + " without namespace=~\"$namespace\" although its namespace label is the object's");
      }
    } else if (!WRITTEN_BY_PROMETHEUS.contains(name) && !jvmMetrics().contains(name)) {
      violations.add(query.origin() + " uses " + name + ", which neither the exporter nor"
          + " Prometheus produces");
    }
  }

  /**
   * Sample names of the JVM and process metrics that the exporter's self-metrics registry gets
   * from {@code JvmMetrics.builder().register(...)}, read from a real text exposition so that
   * suffixes like _total and _sum are exactly as Prometheus stores them.
   */
  static synchronized Set<String> jvmMetrics() {
    if (jvmMetrics == null) {
      PrometheusRegistry registry = new PrometheusRegistry();
      JvmMetrics.builder().register(registry);
      String exposition = PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
      jvmMetrics = Collections.unmodifiableSet(exposition.lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("[{ ]", 2)[0])
          .collect(Collectors.toSet()));
    }
    return jvmMetrics;
  }
}
