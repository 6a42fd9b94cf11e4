package io.virtplatform.bundle.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query must be valid PromQL once Grafana has substituted its variables. promtool has no
 * offline expression check of its own, so the queries are wrapped as recording rules.
 */
class DashboardQueriesTest {

  static List<Dashboard> dashboards() {
    return BundleDashboards.all();
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void everyPanelAndVariableQueryIsValidPromQl(Dashboard dashboard, @TempDir Path dir)
      throws IOException {
    List<DashboardQuery> queries = dashboard.queries();
    Path rules = RecordingRuleFile.write(dashboard, queries, dir);

    Promtool.Result result = Promtool.checkRules(rules);

    assertThat(result.exitCode())
        .as("promtool check rules said:%n%s%nfor:%n%s", result.output(), Files.readString(rules))
        .isZero();
    // Proves nothing was dropped on the way: one rule per query.
    assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void checksTheTemplateVariableQueriesToo(Dashboard dashboard) {
    assertThat(dashboard.queries()).extracting(DashboardQuery::origin)
        .contains("variable cluster", "variable namespace");
  }

  @Test
  void promtoolRejectsABrokenPanelQueryAndNamesIt(@TempDir Path dir) {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    ObjectNode target = (ObjectNode) dashboard.panel(13).get("targets").get(0);
    target.put("expr", "max by (kind (virt_platform_drifted_fields{cluster=~\"$cluster\"})");

    Promtool.Result result = Promtool.checkRules(
        RecordingRuleFile.write(dashboard, dashboard.queries(), dir));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("dashboard:panel_13_A");
  }
}
