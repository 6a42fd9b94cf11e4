package io.virtplatform.bundle.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardMetricsTest {

  static List<Dashboard> dashboards() {
    return BundleDashboards.all();
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void queriesOnlyMetricsThatExist(Dashboard dashboard) {
    assertThat(DashboardMetrics.violations(dashboard)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void queriesTheExporter(Dashboard dashboard) {
    assertThat(dashboard.queries())
        .flatExtracting(DashboardQuery::selectors)
        .flatExtracting(PromQlSelector::metricNames)
        .anyMatch(name -> name.startsWith(DashboardMetrics.PREFIX));
  }

  @Test
  void reportsAMisspelledExporterMetric() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    replaceInFirstTarget(dashboard, 13, "virt_platform_drifted_fields", "virt_platform_drift_fields");

    assertThat(DashboardMetrics.violations(dashboard)).containsExactly(
        "panel 13 \"Drifted resources\" target A uses virt_platform_drift_fields, which the"
            + " exporter does not export");
  }

  @Test
  void reportsAMetricNobodyProduces() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.EXPORTER);
    replaceInFirstTarget(dashboard, 23, "process_cpu_seconds_total", "container_cpu_usage_seconds_total");

    assertThat(DashboardMetrics.violations(dashboard)).containsExactly(
        "panel 23 \"CPU\" target A uses container_cpu_usage_seconds_total, which neither the"
            + " exporter nor Prometheus produces");
  }

  @Test
  void reportsAnObjectMetricNotFilteredByNamespace() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    replaceInFirstTarget(dashboard, 17, ", namespace=~\"$namespace\"", "");

    assertThat(DashboardMetrics.violations(dashboard)).containsExactly(
        "panel 17 \"Resources in an edit war\" target A selects virt_platform_edit_war_active"
            + " without namespace=~\"$namespace\" although its namespace label is the object's");
  }

  @Test
  void knowsTheJvmMetricsOfClientJava() {
    assertThat(DashboardMetrics.jvmMetrics())
        .contains("jvm_memory_used_bytes", "jvm_gc_collection_seconds_sum",
            "process_cpu_seconds_total")
        .doesNotContain("jvm_gc_collection_seconds", "process_cpu_seconds");
  }

  private static void replaceInFirstTarget(Dashboard dashboard, int panelId, String from,
      String to) {
    ObjectNode target = (ObjectNode) dashboard.panel(panelId).get("targets").get(0);
    String expr = target.get("expr").asText();
    assertThat(expr).contains(from);
    target.put("expr", expr.replace(from, to));
  }
}
