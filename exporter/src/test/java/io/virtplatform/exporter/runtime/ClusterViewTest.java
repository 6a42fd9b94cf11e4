package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Series;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The cluster view against fabric8's mock API server in CRUD mode. */
class ClusterViewTest {

  private static final GroupVersionKind MIGRATION_POLICY =
      new GroupVersionKind("migrations.kubevirt.io", "v1alpha1", "MigrationPolicy");
  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  private static final String POLICY_LABELS =
      "kind=\"MigrationPolicy\",name=\"platform-default\",namespace=\"\"";
  private static final String CM_LABELS =
      "kind=\"ConfigMap\",name=\"tuning\",namespace=\"cdi\"";

  @AutoClose private final ClusterViewRun run = new ClusterViewRun();

  private static GoldenObject golden(GroupVersionKind gvk, String namespace, String name,
      Map<String, Object> fields) {
    Map<String, Object> metadata = namespace.isEmpty()
        ? Map.of("name", name) : Map.of("name", name, "namespace", namespace);
    Map<String, Object> desired = new java.util.LinkedHashMap<>(Map.of(
        "apiVersion", gvk.apiVersion(), "kind", gvk.kind(), "metadata", metadata));
    desired.putAll(fields);
    return new GoldenObject(new ResourceRef(gvk, namespace, name), desired,
        new SourceLocation(Path.of("golden.yaml"), 1));
  }

  private static final GoldenObject POLICY = golden(MIGRATION_POLICY, "", "platform-default",
      Map.of("spec", Map.of("bandwidthPerMigration", "1Gi")));
  private static final GoldenObject TUNING = golden(CONFIG_MAP, "cdi", "tuning",
      Map.of("data", Map.of("scratchSpaceFactor", "2")));

  private void apply(List<ComponentSpec> components, GoldenObject... objects) {
    run.watcher().apply(
        new ExporterConfig(List.of(), components, List.of(), EditWarSettings.DEFAULT),
        new GoldenState(List.of(objects)));
  }

  private GenericKubernetesResource livePolicy(String bandwidth) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(MIGRATION_POLICY.apiVersion()).withKind("MigrationPolicy")
        .withNewMetadata().withName("platform-default").endMetadata()
        .addToAdditionalProperties("spec", Map.of("bandwidthPerMigration", bandwidth))
        .build();
  }

  private void createTuning(String scratchSpaceFactor, Map<String, String> annotations) {
    run.client().configMaps().inNamespace("cdi").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("tuning").withNamespace("cdi").withAnnotations(annotations)
        .endMetadata().addToData("scratchSpaceFactor", scratchSpaceFactor).build()).create();
  }

  @Test
  void aMissingCrdIsAMissingDependencyNotASyncFailureAndItsArrivalIsNoticed() {
    apply(List.of(), POLICY);
    await(() -> {
      assertThat(run.scrape().get("virt_platform_missing_dependency",
          "group=\"migrations.kubevirt.io\",version=\"v1alpha1\",kind=\"MigrationPolicy\""))
          .isEqualTo(1.0);
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });
    assertThat(run.scrape().all("virt_platform_compliance_status")).isEmpty();

    run.installCrd("migrations.kubevirt.io", "v1alpha1", "MigrationPolicy", false);
    run.client().genericKubernetesResources(MIGRATION_POLICY.apiVersion(), "MigrationPolicy")
        .resource(livePolicy("1024Mi")).create();
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_missing_dependency",
          "group=\"migrations.kubevirt.io\",version=\"v1alpha1\",kind=\"MigrationPolicy\""))
          .isEqualTo(0.0);
      assertThat(s.get("virt_platform_compliance_status", POLICY_LABELS)).isEqualTo(1.0);
    });
    assertThat(run.watcher().watchedResources())
        .contains(new WatchedResource("migrations.kubevirt.io", "migrationpolicys"));

    run.removeCrd("migrations.kubevirt.io", "MigrationPolicy");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_missing_dependency",
          "group=\"migrations.kubevirt.io\",version=\"v1alpha1\",kind=\"MigrationPolicy\""))
          .isEqualTo(1.0);
      assertThat(s.all("virt_platform_compliance_status")).isEmpty();
      assertThat(s.all("virt_platform_thrashing_total")).isEmpty();
    });
  }

  @Test
  void anObjectAddedToTheGoldenStateIsNotReportedMissingBeforeItsKindIsListedAgain() {
    createTuning("2", Map.of());
    run.client().configMaps().inNamespace("cdi").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("extra").withNamespace("cdi").endMetadata()
        .addToData("mode", "fast").build()).create();
    apply(List.of(), TUNING);
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", CM_LABELS))
        .isEqualTo(1.0));

    GoldenObject extra = golden(CONFIG_MAP, "cdi", "extra", Map.of("data", Map.of("mode", "fast")));
    apply(List.of(), TUNING, extra);
    String extraLabels = "kind=\"ConfigMap\",name=\"extra\",namespace=\"cdi\"";
    assertThat(run.scrape().get("virt_platform_compliance_status", extraLabels))
        .as("absent or compliant, never judged missing before the informer listed it")
        .isIn(null, 1.0);
    assertThat(run.scrape().get("virt_platform_compliance_status", CM_LABELS))
        .as("kept while the informer restarts").isEqualTo(1.0);
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", extraLabels))
        .isEqualTo(1.0));
  }

  @Test
  void driftAndRepairAreSeenThroughWatches() {
    run.installCrd("migrations.kubevirt.io", "v1alpha1", "MigrationPolicy", false);
    run.client().genericKubernetesResources(MIGRATION_POLICY.apiVersion(), "MigrationPolicy")
        .resource(livePolicy("64Mi")).create();
    apply(List.of(), POLICY);
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", POLICY_LABELS)).isEqualTo(0.0);
      assertThat(s.get("virt_platform_drifted_fields", POLICY_LABELS)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_thrashing_total", POLICY_LABELS)).isEqualTo(0.0);
      assertThat(s.get("virt_platform_edit_war_active", POLICY_LABELS)).isEqualTo(0.0);
      assertThat(s.get("virt_platform_paused_resources", POLICY_LABELS)).isEqualTo(0.0);
    });

    run.client().genericKubernetesResources(MIGRATION_POLICY.apiVersion(), "MigrationPolicy")
        .resource(livePolicy("1Gi")).update();
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", POLICY_LABELS))
        .isEqualTo(1.0));
  }

  @Test
  void deletedObjectIsNonCompliantAndLosesItsCustomizationSeries() {
    createTuning("2", Map.of("platform.kubevirt.io/ignore-fields", "/data/other"));
    apply(List.of(), TUNING);
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", CM_LABELS)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_customization_info", CM_LABELS + ",type=\"ignore\""))
          .isEqualTo(1.0);
    });

    run.client().configMaps().inNamespace("cdi").withName("tuning").delete();
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", CM_LABELS)).isEqualTo(0.0);
      assertThat(s.all("virt_platform_customization_info")).isEmpty();
    });
  }

  @Test
  void unmanagedAndRemovedFromGoldenStateLeaveNoStaleSeries() {
    createTuning("3", Map.of());
    apply(List.of(), TUNING);
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", CM_LABELS))
        .isEqualTo(0.0));

    run.client().configMaps().inNamespace("cdi").withName("tuning").edit(cm -> {
      cm.getMetadata().setAnnotations(Map.of("platform.kubevirt.io/mode", "unmanaged"));
      return cm;
    });
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all("virt_platform_compliance_status")).isEmpty();
      assertThat(s.all("virt_platform_drifted_fields")).isEmpty();
      assertThat(s.all("virt_platform_thrashing_total")).isEmpty();
      assertThat(s.get("virt_platform_customization_info", CM_LABELS + ",type=\"unmanaged\""))
          .isEqualTo(1.0);
    });

    apply(List.of());
    await(() -> assertThat(run.scrape().all("virt_platform_customization_info")).isEmpty());
  }

  @Test
  void componentHealthForEveryWorkloadKind() {
    KubernetesClient c = run.client();
    c.apps().deployments().inNamespace("kubevirt").resource(new DeploymentBuilder()
        .withNewMetadata().withName("virt-api").withNamespace("kubevirt").endMetadata()
        .withNewSpec().withReplicas(2).withNewTemplate().withNewSpec().addNewContainer()
        .withName("virt-api").withImage("quay.io/kubevirt/virt-api:v1.4.0").endContainer()
        .endSpec().endTemplate().endSpec()
        .withNewStatus().withObservedGeneration(1L).withReadyReplicas(2).withUpdatedReplicas(2).endStatus().build()).create();
    c.apps().daemonSets().inNamespace("kubevirt").resource(new DaemonSetBuilder()
        .withNewMetadata().withName("virt-handler").withNamespace("kubevirt")
        .addToLabels("kubevirt.io", "virt-handler").endMetadata()
        .withNewStatus().withDesiredNumberScheduled(3).withNumberReady(2)
        .withUpdatedNumberScheduled(3).endStatus().build()).create();
    c.apps().statefulSets().inNamespace("kubevirt").resource(new StatefulSetBuilder()
        .withNewMetadata().withName("virt-db").withNamespace("kubevirt").endMetadata()
        .withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withObservedGeneration(1L).withReadyReplicas(1).withUpdatedReplicas(1).endStatus().build()).create();

    apply(List.of(
        new ComponentSpec("virt-api", "kubevirt",
            List.of(WorkloadSelector.byName(WorkloadKind.DEPLOYMENT, "virt-api"))),
        new ComponentSpec("virt-handler", "kubevirt", List.of(WorkloadSelector.byLabels(
            WorkloadKind.DAEMON_SET, Map.of("kubevirt.io", "virt-handler")))),
        new ComponentSpec("virt-db", "kubevirt",
            List.of(WorkloadSelector.byName(WorkloadKind.STATEFUL_SET, "virt-db")))));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_component_health",
          "component=\"virt-api\",namespace=\"kubevirt\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_component_health",
          "component=\"virt-handler\",namespace=\"kubevirt\"")).isEqualTo(0.0);
      assertThat(s.get("virt_platform_component_ready_replicas",
          "component=\"virt-handler\",namespace=\"kubevirt\",workload=\"virt-handler\""))
          .isEqualTo(2.0);
      assertThat(s.get("virt_platform_component_desired_replicas",
          "component=\"virt-handler\",namespace=\"kubevirt\",workload=\"virt-handler\""))
          .isEqualTo(3.0);
      assertThat(s.get("virt_platform_component_health",
          "component=\"virt-db\",namespace=\"kubevirt\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_component_version_info",
          "component=\"virt-api\",namespace=\"kubevirt\",workload=\"virt-api\","
              + "container=\"virt-api\",image=\"quay.io/kubevirt/virt-api:v1.4.0\""))
          .isEqualTo(1.0);
    });

    c.apps().deployments().inNamespace("kubevirt").withName("virt-api").delete();
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_component_health",
          "component=\"virt-api\",namespace=\"kubevirt\"")).isEqualTo(0.0);
      assertThat(s.get("virt_platform_component_ready_replicas",
          "component=\"virt-api\",namespace=\"kubevirt\",workload=\"virt-api\""))
          .isEqualTo(0.0);
      assertThat(s.all("virt_platform_component_version_info"))
          .doesNotContainKey("virt_platform_component_version_info{component=\"virt-api\","
              + "namespace=\"kubevirt\",workload=\"virt-api\",container=\"virt-api\","
              + "image=\"quay.io/kubevirt/virt-api:v1.4.0\"}");
    });
  }

  @Test
  void anUnreachableApiServerKeepsTheLastStateAndCountsWatchErrors() {
    createTuning("2", Map.of());
    apply(List.of(), TUNING);
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", CM_LABELS))
        .isEqualTo(1.0));

    run.stopServer();
    await(Duration.ofSeconds(30), () -> {
      Series all = run.fullScrape();
      assertThat(all.get("virt_platform_exporter_watch_errors_total",
          "resource=\"configmaps\"")).isGreaterThan(0.0);
      assertThat(all.get("virt_platform_exporter_informer_synced",
          "resource=\"configmaps\"")).isEqualTo(0.0);
    });
    assertThat(run.scrape().get("virt_platform_compliance_status", CM_LABELS)).isEqualTo(1.0);
  }

  @Test
  void notReadyUntilConfiguredAndSynced() {
    assertThat(run.watcher().notReadyReason()).contains("configuration not applied yet");
    apply(List.of(), TUNING);
    await(() -> assertThat(run.watcher().notReadyReason()).isEmpty());
  }
}
