package io.virtplatform.bundle.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtplatform.bundle.RepoRoot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardRunbookLinksTest {

  private static final Set<String> RUNBOOKS =
      DashboardRunbookLinks.runbooksIn(RepoRoot.find().resolve("runbooks"));

  static List<Dashboard> dashboards() {
    return BundleDashboards.all();
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void namesOnlyRunbooksThatExist(Dashboard dashboard) {
    assertThat(DashboardRunbookLinks.brokenLinks(dashboard, RUNBOOKS)).isEmpty();
  }

  @Test
  void everyAlertsRunbookIsNamedByAPanel() {
    assertThat(RUNBOOKS).contains("VirtPlatformWebhookUnavailable", "VirtPlatformExporterDown");
    assertThat(DashboardRunbookLinks.unnamed(dashboards(), RUNBOOKS))
        .as("runbooks of alerts that no panel description leads to").isEmpty();
  }

  @Test
  void reportsAMisspelledRunbook() {
    Dashboard dashboard = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    ObjectNode panel = dashboard.panel(13);
    panel.put("description", panel.get("description").asText()
        .replace("runbooks/VirtPlatformSyncFailed.md", "runbooks/VirtPlatformSyncFailure.md"));

    assertThat(DashboardRunbookLinks.brokenLinks(dashboard, RUNBOOKS)).containsExactly(
        "panel 13 \"Drifted resources\" names runbooks/VirtPlatformSyncFailure.md, which does"
            + " not exist");
  }

  @Test
  void reportsAnAlertWhoseRunbookNoPanelNames() {
    Dashboard overview = BundleDashboards.copyOf(BundleDashboards.OVERVIEW);
    for (JsonNode panel : overview.panels()) {
      ((ObjectNode) panel).put("description", panel.path("description").asText()
          .replace("runbooks/VirtPlatformDataVolumeStuck.md", "its runbook"));
    }

    assertThat(DashboardRunbookLinks.unnamed(
        List.of(overview, BundleDashboards.copyOf(BundleDashboards.EXPORTER)), RUNBOOKS))
        .containsExactly("VirtPlatformDataVolumeStuck");
  }
}
