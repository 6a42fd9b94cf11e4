package io.virtplatform.exporter.core.diagnostics.compatibility;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.virtplatform.exporter.core.config.CompatibilityRule;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.testing.ClusterViewRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped CAPMOX/Cluster API rule against workloads in the mock API server. */
class CompatibilityDiagnosticTest {

  private static final String COMPATIBLE = "virt_platform_component_compatible";
  private static final String LABELS =
      "component=\"capmox-controller-manager\",requires=\"capi-controller-manager\"";

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun(CompatibilityDiagnostic::new);
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private void apply(DiagnosticsSettings settings) {
    run.watcher().apply(new ExporterConfig(List.of(), List.of(
        component("capi-controller-manager", "capi-system"),
        component("capmox-controller-manager", "capmox-system")), List.of(),
        EditWarSettings.DEFAULT, settings), GoldenState.empty());
  }

  private static ComponentSpec component(String name, String namespace) {
    return new ComponentSpec(name, namespace,
        List.of(new WorkloadSelector(WorkloadKind.DEPLOYMENT, name, null)));
  }

  private void putDeployment(String namespace, String name, String... images) {
    DeploymentBuilder d = new DeploymentBuilder().withNewMetadata().withName(name)
        .withNamespace(namespace).endMetadata().withNewSpec().withReplicas(1)
        .withNewTemplate().withNewSpec().endSpec().endTemplate().endSpec();
    Deployment deployment = d.build();
    for (int i = 0; i < images.length; i++) {
      deployment.getSpec().getTemplate().getSpec().getContainers().add(
          new ContainerBuilder().withName("c" + i)
              .withImage(images[i]).build());
    }
    run.client().apps().deployments().inNamespace(namespace).resource(deployment)
        .createOr(existing -> existing.update());
  }

  @Test
  void capmoxNextToATooNewClusterApiIsIncompatibleUntilClusterApiIsDowngraded() {
    putDeployment("capmox-system", "capmox-controller-manager",
        "ghcr.io/ionos-cloud/cluster-api-provider-proxmox:v0.5.1");
    putDeployment("capi-system", "capi-controller-manager",
        "registry.k8s.io/cluster-api/cluster-api-controller:v1.9.4");
    apply(DiagnosticsSettings.DEFAULT);

    await(() -> assertThat(run.scrape().all(COMPATIBLE))
        .containsExactly(Map.entry(COMPATIBLE + "{" + LABELS + "}", 0.0)));

    // clusterctl init --core cluster-api:v1.7.4, as seed 003 advises.
    putDeployment("capi-system", "capi-controller-manager",
        "registry.k8s.io/cluster-api/cluster-api-controller:v1.7.4");
    await(() -> assertThat(run.scrape().get(COMPATIBLE, LABELS)).isEqualTo(1.0));
  }

  @Test
  void unknownVersionsAndAnEmptyRuleListHaveNoSeries() {
    putDeployment("capmox-system", "capmox-controller-manager",
        "ghcr.io/ionos-cloud/cluster-api-provider-proxmox:v0.5.1");
    putDeployment("capi-system", "capi-controller-manager",
        "registry.k8s.io/cluster-api/cluster-api-controller@sha256:" + "b".repeat(64));
    apply(DiagnosticsSettings.DEFAULT);
    run.settle();
    assertThat(run.scrape().all(COMPATIBLE)).as("Cluster API pinned by digest").isEmpty();

    putDeployment("capi-system", "capi-controller-manager",
        "registry.k8s.io/cluster-api/cluster-api-controller:v1.5.0");
    await(() -> assertThat(run.scrape().get(COMPATIBLE, LABELS)).isEqualTo(0.0));

    apply(DiagnosticsSettings.DEFAULT.withCompatibility(List.of()));
    await(() -> assertThat(run.scrape().all(COMPATIBLE)).as("rule removed, series gone")
        .isEmpty());
  }

  @Test
  void aDeletedWorkloadLeavesItsComponentWithoutVersionSoTheSeriesGoes() {
    putDeployment("capmox-system", "capmox-controller-manager",
        "ghcr.io/ionos-cloud/cluster-api-provider-proxmox:v0.3.0");
    putDeployment("capi-system", "capi-controller-manager",
        "registry.k8s.io/cluster-api/cluster-api-controller:v1.6.2",
        "registry.k8s.io/kube-rbac-proxy:v0.15.0");
    apply(DiagnosticsSettings.DEFAULT);
    await(() -> assertThat(run.scrape().get(COMPATIBLE, LABELS))
        .as("without a container name, the kube-rbac-proxy sidecar's v0.15 counts too")
        .isEqualTo(0.0));

    CompatibilityRule shipped = CompatibilityRule.DEFAULT.get(0);
    apply(DiagnosticsSettings.DEFAULT.withCompatibility(List.of(new CompatibilityRule(
        shipped.component(), "", shipped.requires(), "c0", shipped.matrix()))));
    await(() -> assertThat(run.scrape().get(COMPATIBLE, LABELS))
        .as("only the manager container c0 counts").isEqualTo(1.0));

    run.client().apps().deployments().inNamespace("capi-system")
        .withName("capi-controller-manager").delete();
    await(() -> assertThat(run.scrape().all(COMPATIBLE)).isEmpty());
  }
}
