package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.metrics.ExportedMetric;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rules and their tests speak about the metrics the exporter really exports, as listed by its
 * catalog {@link ExportedMetric}, not about a hand-kept copy.
 */
class MetricCatalogTest {

  /** Labels Prometheus attaches to every scraped series of the exporter's target. */
  private static final Set<String> SCRAPE_LABELS = Set.of("job", "instance", "pod", "namespace");

  private static final Map<String, Set<String>> CATALOG_LABELS = Arrays.stream(ExportedMetric.values())
      .collect(Collectors.toMap(ExportedMetric::metricName, m -> Set.copyOf(m.labelNames())));

  private final Bundle bundle = Bundle.get();

  @Test
  void everyExporterMetricInAnAlertExpressionIsExported() {
    Map<String, Set<String>> unknown = new TreeMap<>();
    for (AlertRule alert : bundle.alerts()) {
      Set<String> names = new TreeSet<>(PromQlText.platformMetrics(alert.expr()));
      names.removeAll(ExportedMetric.names());
      if (!names.isEmpty()) {
        unknown.put(alert.name(), names);
      }
    }
    assertThat(unknown).as("metrics named in alert expressions but not in ExportedMetric").isEmpty();
  }

  @Test
  void groupingLabelsExistOnTheMetricsTheyGroup() {
    Map<String, Set<String>> unknown = new TreeMap<>();
    for (AlertRule alert : bundle.alerts()) {
      Set<String> available = new HashSet<>(SCRAPE_LABELS);
      PromQlText.platformMetrics(alert.expr())
          .forEach(m -> available.addAll(CATALOG_LABELS.getOrDefault(m, Set.of())));
      Set<String> used = new TreeSet<>();
      for (String keyword : List.of("by", "on", "without", "ignoring")) {
        PromQlText.clauses(alert.expr(), keyword).forEach(used::addAll);
      }
      used.removeAll(available);
      if (!used.isEmpty()) {
        unknown.put(alert.name(), used);
      }
    }
    assertThat(unknown).as("labels grouped on that none of the alert's metrics carries").isEmpty();
  }

  @Test
  void promtoolInputSeriesUseTheExportersNamesAndLabels() {
    Map<String, String> problems = new TreeMap<>();
    for (PromtoolTestFile file : bundle.promtoolTests()) {
      for (String series : file.inputSeries()) {
        SeriesSelector selector = SeriesSelector.parse(series);
        if (!selector.metric().startsWith("virt_platform_")) {
          continue;
        }
        Set<String> labels = CATALOG_LABELS.get(selector.metric());
        if (labels == null) {
          problems.put(file.file().getFileName() + ": " + series, "metric is not exported");
          continue;
        }
        Set<String> extra = new TreeSet<>(selector.labelNames());
        extra.removeAll(labels);
        extra.removeAll(SCRAPE_LABELS);
        if (!extra.isEmpty()) {
          problems.put(file.file().getFileName() + ": " + series, "labels not exported: " + extra);
        }
      }
    }
    assertThat(problems).as("promtool input series that the exporter cannot produce").isEmpty();
  }
}
