package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.virtplatform.bundle.BundleFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every dashboard of the repository reaches Grafana through exactly one labelled ConfigMap. */
class DashboardConfigMapsTest {

  private static final String OVERVIEW = "{\"title\": \"Virt Platform / Overview\"}\n";

  @TempDir
  Path dashboards;

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void theDeployShipsEveryDashboardOfTheRepositoryAndNothingElse(DeployVariant variant) {
    List<String> problems = DashboardConfigMaps.mismatches(
        BundleFacts.repoRoot().resolve("dashboards"), variant.rendered().all(ConfigMap.class));
    assertThat(problems).as("dashboards/ vs. the Grafana ConfigMaps of %s", variant).isEmpty();
  }

  @Test
  void matchingDashboardsAndConfigMapsAgree() throws IOException {
    Files.writeString(dashboards.resolve("overview.json"), OVERVIEW);
    List<ConfigMap> configMaps = List.of(
        dashboard("grafana-dashboard-overview", "overview.json", OVERVIEW),
        new ConfigMapBuilder().withNewMetadata().withName("unrelated").endMetadata()
            .withData(Map.of("config.yaml", "{}")).build());
    assertThat(DashboardConfigMaps.mismatches(dashboards, configMaps)).isEmpty();
  }

  @Test
  void aDashboardWithoutConfigMapIsReported() throws IOException {
    Files.writeString(dashboards.resolve("overview.json"), OVERVIEW);
    assertThat(DashboardConfigMaps.mismatches(dashboards, List.of()))
        .containsExactly("dashboards/overview.json has no ConfigMap (run deploy/generate.sh)");
  }

  @Test
  void aStaleCopyIsReported() throws IOException {
    Files.writeString(dashboards.resolve("overview.json"), OVERVIEW);
    List<ConfigMap> configMaps =
        List.of(dashboard("grafana-dashboard-overview", "overview.json", "{}"));
    assertThat(DashboardConfigMaps.mismatches(dashboards, configMaps)).containsExactly(
        "the ConfigMap of dashboards/overview.json holds another version (run deploy/generate.sh)");
  }

  @Test
  void aConfigMapWithoutDashboardIsReported() {
    List<ConfigMap> configMaps =
        List.of(dashboard("grafana-dashboard-removed", "removed.json", OVERVIEW));
    assertThat(DashboardConfigMaps.mismatches(dashboards.resolve("missing"), configMaps))
        .containsExactly("a ConfigMap ships removed.json, which is not in dashboards/"
            + " (run deploy/generate.sh)");
  }

  @Test
  void aConfigMapMustHoldOneDashboardUnderTheSidecarsLabel() throws IOException {
    Files.writeString(dashboards.resolve("overview.json"), OVERVIEW);
    ConfigMap twoFiles = new ConfigMapBuilder(
        dashboard("grafana-dashboard-overview", "overview.json", OVERVIEW))
        .addToData("notes.txt", "x")
        .editMetadata().addToLabels(DashboardConfigMaps.SIDECAR_LABEL, "true").endMetadata()
        .build();
    assertThat(DashboardConfigMaps.mismatches(dashboards, List.of(twoFiles))).containsExactly(
        "ConfigMap grafana-dashboard-overview: label grafana_dashboard must be \"1\"",
        "ConfigMap grafana-dashboard-overview must hold exactly one *.json dashboard, holds"
            + " [notes.txt, overview.json]",
        "a ConfigMap ships notes.txt, which is not in dashboards/ (run deploy/generate.sh)");
  }

  private static ConfigMap dashboard(String name, String file, String json) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(name)
        .addToLabels(DashboardConfigMaps.SIDECAR_LABEL, DashboardConfigMaps.SIDECAR_LABEL_VALUE)
        .endMetadata()
        .withData(Map.of(file, json))
        .build();
  }
}
