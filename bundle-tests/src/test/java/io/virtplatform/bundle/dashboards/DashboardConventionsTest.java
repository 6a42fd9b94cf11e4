package io.virtplatform.bundle.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardConventionsTest {

  static List<Dashboard> dashboards() {
    return BundleDashboards.all();
  }

  @Test
  void theBundleShipsTheOverviewAndTheExporterDashboardUnderStableUids() {
    assertThat(dashboards())
        .extracting(Dashboard::fileName, Dashboard::uid)
        .contains(
            tuple(BundleDashboards.OVERVIEW, "virt-platform-overview"),
            tuple(BundleDashboards.EXPORTER, "virt-platform-exporter"));
    assertThat(dashboards()).extracting(Dashboard::uid).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void followsTheConventions(Dashboard dashboard) {
    assertThat(DashboardConventions.violations(dashboard)).isEmpty();
  }

  @Test
  void reportsADuplicatePanelIdInsideACollapsedRow() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    ObjectNode row = dashboard.panel(1);
    ObjectNode nested = dashboard.panel(3).deepCopy();
    row.put("collapsed", true);
    ((ArrayNode) row.get("panels")).add(nested);

    assertThat(DashboardConventions.violations(dashboard))
        .containsExactly("panel id 3 (\"Synced resources\") is not unique");
  }

  @Test
  void reportsAPanelWithoutDescription() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.EXPORTER);
    dashboard.panel(9).remove("description");

    assertThat(DashboardConventions.violations(dashboard))
        .containsExactly("panel 9 \"Informer sync by resource\" has no description");
  }

  @Test
  void reportsAHardCodedDatasourceInATarget() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    ((ObjectNode) dashboard.panel(13).get("targets").get(0).get("datasource"))
        .put("uid", "P1809F7CD0C75ACF3");

    assertThat(DashboardConventions.violations(dashboard)).singleElement().asString()
        .contains("targets/0/datasource hard-codes datasource \"P1809F7CD0C75ACF3\"");
  }

  @Test
  void reportsAMissingNamespaceVariable() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.EXPORTER);
    ArrayNode variables = (ArrayNode) dashboard.json().get("templating").get("list");
    variables.remove(2);

    assertThat(DashboardConventions.violations(dashboard))
        .contains("variable namespace is missing");
  }

  @Test
  void reportsARateOverAFixedRange() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.EXPORTER);
    ObjectNode target = (ObjectNode) dashboard.panel(23).get("targets").get(0);
    target.put("expr", target.get("expr").asText().replace("$__rate_interval", "5m"));

    assertThat(DashboardConventions.violations(dashboard))
        .containsExactly("panel 23 \"CPU\" target A uses range [5m]; use [$__rate_interval] so"
            + " rates follow the zoom and the scrape interval");
  }

  @Test
  void doesNotTakeACharacterClassInAMatcherForARange() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.EXPORTER);
    ObjectNode target = (ObjectNode) dashboard.panel(23).get("targets").get(0);
    target.put("expr", target.get("expr").asText().replace("job=", "instance=~\"[a-z].*\", job="));

    assertThat(DashboardConventions.violations(dashboard)).isEmpty();
  }

  @Test
  void reportsASelectorWithoutClusterFilter() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    ObjectNode target = (ObjectNode) dashboard.panel(20).get("targets").get(0);
    target.put("expr", "max by (group, version, kind) (virt_platform_missing_dependency)");

    assertThat(DashboardConventions.violations(dashboard))
        .containsExactly("panel 20 \"API dependencies\" target A selects"
            + " [virt_platform_missing_dependency] without cluster=~\"$cluster\"");
  }
}
