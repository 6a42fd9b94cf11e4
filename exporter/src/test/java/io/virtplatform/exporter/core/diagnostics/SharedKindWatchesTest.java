package io.virtplatform.exporter.core.diagnostics;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.DataVolumeSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.LifecycleSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import io.virtplatform.exporter.core.diagnostics.datavolume.DataVolumeDiagnostic;
import io.virtplatform.exporter.core.diagnostics.lifecycle.ObjectLifecycleDiagnostic;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Recordings;
import io.virtplatform.exporter.testing.StorageQuotas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle and DataVolume checks both watch PVCs and DataVolumes; started together they share
 * one list and one watch per resource, against the mock API server, and each still reports.
 */
class SharedKindWatchesTest {

  private static final String PVCS = "/api/v1/persistentvolumeclaims";
  private static final String DATA_VOLUMES = "/apis/cdi.kubevirt.io/v1beta1/datavolumes";
  private static final String STUCK = "virt_platform_stuck_terminating_seconds";
  private static final String INSUFFICIENT = "virt_platform_datavolume_quota_insufficient";
  private static final String FEDORA = "namespace=\"rec\",name=\"fedora-dv\"";
  private static final String PVC_FINALIZER = "kubernetes.io/pvc-protection";
  private static final String STUCK_PVC = "kind=\"PersistentVolumeClaim\",namespace=\"other\","
      + "name=\"stuck\",finalizer=\"" + PVC_FINALIZER + "\"";
  private static final GroupVersionKind PVC =
      new GroupVersionKind("", "v1", "PersistentVolumeClaim");

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun(List.of(DataVolumeDiagnostic::new, ObjectLifecycleDiagnostic::new),
        UnaryOperator.identity());
    run.dispatcher().recordRequests();
    run.installCrd("cdi.kubevirt.io", "v1beta1", "DataVolume", true);
    run.apply(settings(LifecycleSettings.DEFAULT.kinds()));
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private static DiagnosticsSettings settings(List<GroupVersionKind> lifecycleKinds) {
    return new DiagnosticsSettings(WebhookSettings.DEFAULT, DataVolumeSettings.DEFAULT,
        new LifecycleSettings(lifecycleKinds, Duration.ofMinutes(15)));
  }

  /** Lists (GETs without {@code watch=true}) and watches of one cluster-wide resource path. */
  private long requests(String path, boolean watch) {
    return run.dispatcher().requests().stream()
        .filter(r -> r.equals("GET " + path) || r.startsWith("GET " + path + "?"))
        .filter(r -> r.contains("watch=true") == watch)
        .count();
  }

  private void putQuota(String hard, String used) {
    StorageQuotas.put(run.client(), "rec", "rec-quota", hard, used);
  }

  private void putClaim(String namespace, String name, String... finalizers) {
    run.client().persistentVolumeClaims().inNamespace(namespace).resource(
        new PersistentVolumeClaimBuilder().withNewMetadata().withName(name)
            .withFinalizers(finalizers).endMetadata()
            .withNewSpec().withNewResources().addToRequests("storage", new Quantity("1Gi"))
            .endResources().endSpec().build()).create();
  }

  /** A PVC whose deletion its finalizer blocks, stuck once the clock passes 15 minutes. */
  private void stuckClaim() {
    putClaim("other", "stuck", PVC_FINALIZER);
    run.client().persistentVolumeClaims().inNamespace("other").withName("stuck").delete();
    await(() -> assertThat(run.client().persistentVolumeClaims().inNamespace("other")
        .withName("stuck").get().getMetadata().getDeletionTimestamp()).isNotNull());
    run.clock().advance(Duration.ofMinutes(16));
  }

  @Test
  void checksStartedTogetherListAndWatchEachSharedResourceOnceAndBothReport() {
    putQuota("10Gi", "8500Mi");
    Recordings.createStored(run.client(), "18-datavolume.yaml");
    stuckClaim();

    await(() -> {
      assertThat(run.scrape().all(INSUFFICIENT)).as("the DataVolume check, by the shared watch")
          .containsExactly(Map.entry(INSUFFICIENT + "{" + FEDORA + "}", 1.0));
      assertThat(run.scrape().all(STUCK)).as("the lifecycle check, by the same PVC watch")
          .containsOnlyKeys(STUCK + "{" + STUCK_PVC + "}");
    });
    putClaim("rec", "fedora-dv");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT))
        .as("the DataVolume check sees PVC events too").isEmpty());

    for (String path : List.of(PVCS, DATA_VOLUMES)) {
      assertThat(requests(path, false)).as("lists of " + path).isEqualTo(1);
      assertThat(requests(path, true)).as("watches of " + path).isEqualTo(1);
    }
    assertThat(run.fullScrape().all("virt_platform_exporter_informer_synced"))
        .containsEntry("virt_platform_exporter_informer_synced"
            + "{resource=\"persistentvolumeclaims\"}", 1.0)
        .containsEntry("virt_platform_exporter_informer_synced"
            + "{resource=\"datavolumes.cdi.kubevirt.io\"}", 1.0);
  }

  @Test
  void oneCheckLettingGoOfASharedWatchLeavesItRunningForTheOther() {
    putQuota("10Gi", "8500Mi");
    Recordings.createStored(run.client(), "18-datavolume.yaml");
    stuckClaim();
    await(() -> assertThat(run.scrape().all(STUCK)).hasSize(1));

    List<GroupVersionKind> withoutPvcs = LifecycleSettings.DEFAULT.kinds().stream()
        .filter(k -> !k.equals(PVC)).toList();
    run.apply(settings(withoutPvcs));
    assertThat(run.scrape().all(STUCK)).as("the lifecycle check dropped its PVC series").isEmpty();

    putClaim("rec", "fedora-dv");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT))
        .as("the DataVolume check still gets PVC events").isEmpty());
    assertThat(requests(PVCS, false)).as("the shared unit was not restarted").isEqualTo(1);

    // Joining the running unit would replay only keys: the lifecycle check gets its own unit
    // and with its list the PVC that is still stuck.
    run.apply(settings(LifecycleSettings.DEFAULT.kinds()));
    await(() -> assertThat(run.scrape().all(STUCK))
        .containsOnlyKeys(STUCK + "{" + STUCK_PVC + "}"));
    assertThat(requests(PVCS, false)).isEqualTo(2);
  }

  @Test
  void cdiGoingAwayStopsTheDataVolumeChecksPvcWatchButNotTheLifecycleChecks() {
    putQuota("10Gi", "8500Mi");
    Recordings.createStored(run.client(), "18-datavolume.yaml");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).hasSize(1));

    run.removeCrd("cdi.kubevirt.io", "DataVolume");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).as("without CDI, nothing").isEmpty());

    stuckClaim();
    await(() -> assertThat(run.scrape().all(STUCK)).as("the PVC watch kept running")
        .containsOnlyKeys(STUCK + "{" + STUCK_PVC + "}"));
    assertThat(requests(PVCS, false)).isEqualTo(1);
    assertThat(requests(PVCS, true)).isEqualTo(1);
  }
}
