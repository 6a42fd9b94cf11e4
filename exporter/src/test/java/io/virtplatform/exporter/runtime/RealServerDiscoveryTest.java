package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.drift.DriftExplainer;
import io.virtplatform.exporter.core.drift.ResourceDrift;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.core.series.ManagedResourceTracker.Judgement;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Recordings;
import io.virtplatform.exporter.testing.Series;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a real v1.26 API server answers, from the recordings: kinds it does not serve are missing
 * dependencies whatever their group is called, and a kind the exporter may not read is reported on
 * its own while everything else stays judged and the exporter gets ready.
 */
class RealServerDiscoveryTest {

  /** The recorded 403 for listing ConfigMaps, as the exporter's ServiceAccount would get it. */
  private static final String FORBIDDEN_CONFIGMAPS = "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
      + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"configmaps is forbidden: User"
      + " \\\"system:serviceaccount:rec:reader\\\" cannot list resource \\\"configmaps\\\" in API"
      + " group \\\"\\\" in the namespace \\\"rec\\\"\",\"reason\":\"Forbidden\",\"details\":"
      + "{\"kind\":\"configmaps\"},\"code\":403}";

  private static final String CONFIGMAP = "kind=\"ConfigMap\",name=\"odd-strings\",namespace=\"rec\"";
  private static final String STORAGECLASS =
      "kind=\"StorageClass\",name=\"rec-default\",namespace=\"\"";

  private final ClusterViewRun run = new ClusterViewRun();

  @AfterEach
  void stop() {
    run.close();
  }

  private static GoldenObject golden(Map<String, Object> document) {
    Map<?, ?> metadata = (Map<?, ?>) document.get("metadata");
    String namespace = metadata.get("namespace") == null ? "" : (String) metadata.get("namespace");
    GroupVersionKind gvk =
        GroupVersionKind.of((String) document.get("apiVersion"), (String) document.get("kind"));
    return new GoldenObject(new ResourceRef(gvk, namespace, (String) metadata.get("name")),
        document, new SourceLocation(Path.of("golden.yaml"), 1));
  }

  private static GoldenObject golden(String apiVersion, String kind, String namespace,
      String name) {
    Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", name));
    if (!namespace.isEmpty()) metadata.put("namespace", namespace);
    return golden(new LinkedHashMap<>(Map.of("apiVersion", apiVersion, "kind", kind,
        "metadata", metadata, "spec", Map.of("minAvailable", 1))));
  }

  private void apply(GoldenObject... objects) {
    run.watcher().apply(
        new ExporterConfig(List.of(), List.of(), List.of(), EditWarSettings.DEFAULT),
        new GoldenState(List.of(objects))).join();
  }

  private static String dependency(String group, String version, String kind) {
    return "group=\"" + group + "\",version=\"" + version + "\",kind=\"" + kind + "\"";
  }

  @Test
  void removedBuiltInVersionsAreMissingDependenciesAndBlindNothingElse() {
    Recordings.createStored(run.client(), "01-namespace.yaml");
    Recordings.createStored(run.client(), "09-configmap.yaml");
    apply(golden(Recordings.sent("09-configmap.yaml")),
        golden("policy/v1beta1", "PodDisruptionBudget", "rec", "virt-api"),
        golden("autoscaling/v2beta2", "HorizontalPodAutoscaler", "rec", "virt-api"));

    await(() -> {
      Series s = run.fullScrape();
      assertThat(s.get("virt_platform_missing_dependency",
          dependency("policy", "v1beta1", "PodDisruptionBudget"))).isEqualTo(1.0);
      assertThat(s.get("virt_platform_missing_dependency",
          dependency("autoscaling", "v2beta2", "HorizontalPodAutoscaler"))).isEqualTo(1.0);
      assertThat(s.get("virt_platform_missing_dependency", dependency("", "v1", "ConfigMap")))
          .isEqualTo(0.0);
      assertThat(s.get("virt_platform_compliance_status", CONFIGMAP)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_exporter_last_evaluation_timestamp_seconds"))
          .isPositive();
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });
    Series s = run.scrape();
    assertThat(s.all("virt_platform_compliance_status")).containsOnlyKeys(
        "virt_platform_compliance_status{" + CONFIGMAP + "}");
    assertThat(run.fullScrape().all("virt_platform_exporter_informer_synced"))
        .doesNotContainKeys("virt_platform_exporter_informer_synced{resource=\"poddisruptionbudgets.policy\"}");
  }

  @Test
  void aCrdGroupEndingInK8sIoThatIsNotInstalledIsAMissingDependencyUntilItIs() {
    GoldenObject snapshotClass = golden(new LinkedHashMap<>(Map.of(
        "apiVersion", "snapshot.storage.k8s.io/v1", "kind", "VolumeSnapshotClass",
        "metadata", Map.of("name", "csi-snapshots"), "driver", "csi.example.com",
        "deletionPolicy", "Delete")));
    apply(snapshotClass);
    String labels = dependency("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass");
    await(() -> {
      assertThat(run.scrape().get("virt_platform_missing_dependency", labels)).isEqualTo(1.0);
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });
    assertThat(run.scrape().all("virt_platform_compliance_status")).isEmpty();

    run.installCrd("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass", false);
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_missing_dependency", labels)).isEqualTo(0.0);
      assertThat(s.get("virt_platform_compliance_status",
          "kind=\"VolumeSnapshotClass\",name=\"csi-snapshots\",namespace=\"\"")).isEqualTo(0.0);
    });
  }

  @Test
  void aForbiddenKindIsReportedOnItsOwnWhileTheOthersStayJudgedAndTheExporterGetsReady() {
    Recordings.createStored(run.client(), "01-namespace.yaml");
    Recordings.createStored(run.client(), "09-configmap.yaml");
    Recordings.createStored(run.client(), "12-storageclass.yaml");
    run.dispatcher().forbid("/api/v1/namespaces/rec/configmaps(/.*)?", FORBIDDEN_CONFIGMAPS);
    apply(golden(Recordings.sent("09-configmap.yaml")),
        golden(Recordings.sent("12-storageclass.yaml")));

    await(() -> {
      Series s = run.fullScrape();
      assertThat(s.get("virt_platform_compliance_status", STORAGECLASS)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status", CONFIGMAP)).isEqualTo(0.0);
      assertThat(s.get("virt_platform_drifted_fields", CONFIGMAP))
          .as("nothing is known to have drifted").isEqualTo(0.0);
      assertThat(s.get("virt_platform_exporter_informer_synced", "resource=\"configmaps\""))
          .isEqualTo(0.0);
      assertThat(s.get("virt_platform_exporter_informer_synced",
          "resource=\"storageclasses.storage.k8s.io\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_exporter_watch_errors_total", "resource=\"configmaps\""))
          .isPositive();
      assertThat(s.get("virt_platform_exporter_last_evaluation_timestamp_seconds"))
          .isPositive();
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });
    Judgement configMap = run.watcher().judgements().stream()
        .filter(j -> j.result().ref().kind().equals("ConfigMap")).findFirst().orElseThrow();
    assertThat(configMap.unreadableReason()).isEqualTo("cannot be read: forbidden");
    assertThat(configMap.live()).isNull();
    ResourceDrift explained = new DriftExplainer(run.watcher()::judgements, Map::of, List::of).explain().resources()
        .stream().filter(r -> r.ref().kind().equals("ConfigMap")).findFirst().orElseThrow();
    assertThat(explained.problem()).as("what /api/v1/drift shows")
        .isEqualTo("cannot be read: forbidden");
    assertThat(explained.fields()).as("no field is claimed to have drifted").isEmpty();

    run.dispatcher().allowAll();
    await(() -> {
      Series s = run.fullScrape();
      assertThat(s.get("virt_platform_compliance_status", CONFIGMAP)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_exporter_informer_synced", "resource=\"configmaps\""))
          .isEqualTo(1.0);
    });
  }

  @Test
  void namespacedGoldenKindsAreWatchedOnlyInTheNamespacesThatHoldManagedObjects() {
    Recordings.createStored(run.client(), "01-namespace.yaml");
    Recordings.createStored(run.client(), "09-configmap.yaml");
    Recordings.createStored(run.client(), "12-storageclass.yaml");
    // Any other ConfigMap in any namespace is forbidden: only "rec" may be read.
    run.dispatcher().forbid("/api/v1/configmaps(/.*)?", FORBIDDEN_CONFIGMAPS);
    run.dispatcher().forbid("/api/v1/namespaces/(?!rec/).*/configmaps(/.*)?",
        FORBIDDEN_CONFIGMAPS);
    apply(golden(Recordings.sent("09-configmap.yaml")),
        golden(Recordings.sent("12-storageclass.yaml")));

    await(() -> {
      assertThat(run.scrape().get("virt_platform_compliance_status", CONFIGMAP)).isEqualTo(1.0);
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });
    assertThat(run.watcher().goldenWatches()).containsOnlyKeys("", "rec");
    assertThat(run.watcher().goldenWatches().get("rec").stream().map(Object::toString))
        .containsExactly("configmaps");
    assertThat(run.watcher().goldenWatches().get("").stream().map(Object::toString))
        .containsExactly("storageclasses.storage.k8s.io");
  }
}
