package io.virtplatform.exporter.core.diagnostics.operators;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.OperatorSettings;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Recordings;
import io.virtplatform.exporter.testing.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator CR conditions, versions and stuck upgrades, against the mock API server. */
class OperatorDiagnosticTest {

  private static final String CONDITION = "virt_platform_operator_condition";
  private static final String VERSION = "virt_platform_operator_version_info";
  private static final String STUCK = "virt_platform_operator_upgrade_stuck_seconds";

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun(OperatorDiagnostic::new);
    run.installCrd("kubevirt.io", "v1", "KubeVirt", true);
    run.installCrd("cdi.kubevirt.io", "v1beta1", "CDI", false);
    run.apply(settings(Duration.ofHours(1)));
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private static DiagnosticsSettings settings(Duration upgradeStuckAfter) {
    return DiagnosticsSettings.DEFAULT.withOperators(
        new OperatorSettings(OperatorSettings.DEFAULT.kinds(), upgradeStuckAfter));
  }

  private void putCdi(String observed, String target, Map<String, String> conditions,
      Instant progressingSince) {
    List<Map<String, Object>> list = new ArrayList<>();
    conditions.forEach((type, status) -> list.add(Map.of("type", type, "status", status,
        "lastTransitionTime", progressingSince.toString())));
    var cdi = new GenericKubernetesResourceBuilder()
        .withApiVersion("cdi.kubevirt.io/v1beta1").withKind("CDI")
        .withNewMetadata().withName("cdi").endMetadata()
        .addToAdditionalProperties("status", Map.of("phase", "Deployed",
            "observedVersion", observed, "targetVersion", target, "operatorVersion", target,
            "conditions", list))
        .build();
    run.client().genericKubernetesResources("cdi.kubevirt.io/v1beta1", "CDI")
        .resource(cdi).createOr(existing -> existing.update());
  }

  private static String condition(String type, String status) {
    return "kind=\"CDI\",name=\"cdi\",namespace=\"\",condition=\"" + type + "\",status=\""
        + status + "\"";
  }

  @Test
  void everyConditionHasOneSeriesPerStatusWithOneOnTheCurrentOne() {
    putCdi("v1.61.0", "v1.61.0",
        Map.of("Available", "True", "Progressing", "False", "Degraded", "False"), run.clock().instant());

    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(CONDITION)).hasSize(9);
      assertThat(s.get(CONDITION, condition("Available", "True"))).isEqualTo(1.0);
      assertThat(s.get(CONDITION, condition("Available", "False"))).isEqualTo(0.0);
      assertThat(s.get(CONDITION, condition("Available", "Unknown"))).isEqualTo(0.0);
      assertThat(s.get(CONDITION, condition("Degraded", "False"))).isEqualTo(1.0);
      assertThat(s.get(VERSION, "kind=\"CDI\",name=\"cdi\",namespace=\"\","
          + "observed_version=\"v1.61.0\",target_version=\"v1.61.0\","
          + "operator_version=\"v1.61.0\"")).isEqualTo(1.0);
    });

    putCdi("v1.61.0", "v1.61.0", Map.of("Available", "False", "Degraded", "True"),
        run.clock().instant());
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(CONDITION)).as("the Progressing condition is gone, so are its series")
          .hasSize(6);
      assertThat(s.get(CONDITION, condition("Available", "True"))).isEqualTo(0.0);
      assertThat(s.get(CONDITION, condition("Available", "False"))).isEqualTo(1.0);
      assertThat(s.get(CONDITION, condition("Degraded", "True"))).isEqualTo(1.0);
    });

    run.client().genericKubernetesResources("cdi.kubevirt.io/v1beta1", "CDI").withName("cdi")
        .delete();
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(CONDITION)).isEmpty();
      assertThat(s.all(VERSION)).isEmpty();
    });
  }

  @Test
  void anUpgradeIsStuckOnceProgressingHasBeenTrueLongerThanUpgradeStuckAfter() {
    Instant started = run.clock().instant();
    putCdi("v1.60.0", "v1.61.0", Map.of("Progressing", "True"), started);
    await(() -> assertThat(run.scrape().all(VERSION)).hasSize(1));

    run.clock().advance(Duration.ofMinutes(59));
    run.settle();
    assertThat(run.scrape().all(STUCK)).as("not before upgradeStuckAfter").isEmpty();

    run.clock().advance(Duration.ofMinutes(2));
    String labels = "kind=\"CDI\",name=\"cdi\",namespace=\"\",observed_version=\"v1.60.0\","
        + "target_version=\"v1.61.0\"";
    await(() -> assertThat(run.scrape().get(STUCK, labels)).isBetween(61 * 60.0, 62 * 60.0));

    run.apply(settings(Duration.ofHours(2)));
    assertThat(run.scrape().all(STUCK)).as("a longer limit unsticks it at once").isEmpty();
    run.apply(settings(Duration.ofHours(1)));
    assertThat(run.scrape().all(STUCK)).hasSize(1);

    putCdi("v1.61.0", "v1.61.0", Map.of("Progressing", "False"), run.clock().instant());
    await(() -> assertThat(run.scrape().all(STUCK)).as("the upgrade completed").isEmpty());
  }

  @Test
  void anUpgradeProgressingSinceBeforeTheExporterStartedIsStuckAtOnce() {
    putCdi("v1.60.0", "v1.61.0", Map.of("Progressing", "True"),
        run.clock().instant().minus(Duration.ofHours(3)));

    await(() -> assertThat(run.scrape().all(STUCK).values()).singleElement()
        .satisfies(v -> assertThat(v).isBetween(3 * 3600.0, 3 * 3600.0 + 60)));
  }

  @Test
  void aStoredKubeVirtWithoutStatusHasNoSeriesAndAnUnservedKindIsNotWatched() {
    // A real server drops status on create (status subresource), as recording 16 shows.
    Recordings.createStored(run.client(), "16-kubevirt-preserve-unknown.yaml");
    putCdi("v1.61.0", "v1.61.0", Map.of("Available", "True"), run.clock().instant());
    await(() -> assertThat(run.scrape().all(CONDITION)).hasSize(3));
    assertThat(run.scrape().all(CONDITION).keySet()).noneMatch(k -> k.contains("KubeVirt"));
    assertThat(run.scrape().all(VERSION).keySet()).noneMatch(k -> k.contains("KubeVirt"));

    run.removeCrd("cdi.kubevirt.io", "CDI");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(CONDITION)).isEmpty();
      assertThat(s.all(VERSION)).isEmpty();
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });
  }
}
