package io.virtplatform.exporter.core.diagnostics.datavolume;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Recordings;
import io.virtplatform.exporter.testing.StorageQuotas;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports that a ResourceQuota keeps from starting (CDI document, issue 3), against the mock API
 * server, with the DataVolume of recording 18 as a real server stores it: 1Gi, no status yet.
 */
class ImportQuotaTest {

  private static final String INSUFFICIENT = "virt_platform_datavolume_quota_insufficient";
  private static final String FEDORA = "namespace=\"rec\",name=\"fedora-dv\"";

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun(DataVolumeDiagnostic::new);
    run.installCrd("cdi.kubevirt.io", "v1beta1", "DataVolume", true);
    run.apply(DiagnosticsSettings.DEFAULT);
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private void putQuota(String name, String hard, String used) {
    StorageQuotas.put(run.client(), "rec", name, hard, used);
  }

  private void putClaim(String name) {
    run.client().persistentVolumeClaims().inNamespace("rec").resource(
        new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata()
            .withNewSpec().withNewResources().addToRequests("storage", new Quantity("1Gi"))
            .endResources().endSpec().build()).create();
  }

  @Test
  void anImportNeedsTwiceItsSizeUntilItsTargetPvcExistsAndNothingOnceItsScratchPvcDoes() {
    putQuota("rec-quota", "10Gi", "8500Mi");
    Recordings.createStored(run.client(), "18-datavolume.yaml");

    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).as("1.5Gi free < 2 x 1Gi")
        .containsExactly(Map.entry(INSUFFICIENT + "{" + FEDORA + "}", 1.0)));

    putClaim("fedora-dv");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT))
        .as("the target PVC counts in used already; 1.5Gi free holds the 1Gi scratch PVC")
        .isEmpty());

    putQuota("rec-quota", "10Gi", "9500Mi");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).as("512Mi free < 1Gi").hasSize(1));

    putQuota("rec-quota", "10Gi", "9Gi");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).as("exactly 1Gi free is enough")
        .isEmpty());

    putQuota("rec-quota", "10Gi", "9800Mi");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).hasSize(1));
    putClaim("fedora-dv-scratch");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).as("the scratch PVC was admitted")
        .isEmpty());
  }

  @Test
  void theTightestQuotaCountsAndDeletingItOrTheDataVolumeClearsTheSeries() {
    putQuota("roomy", "100Gi", "1Gi");
    putQuota("tight", "3Gi", "1536Mi");
    Recordings.createStored(run.client(), "18-datavolume.yaml");
    await(() -> assertThat(run.scrape().get(INSUFFICIENT, FEDORA)).isEqualTo(1.0));

    run.client().resourceQuotas().inNamespace("rec").withName("tight").delete();
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).isEmpty());

    putQuota("tight", "3Gi", "1536Mi");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).hasSize(1));
    run.client().genericKubernetesResources("cdi.kubevirt.io/v1beta1", "DataVolume")
        .inNamespace("rec").withName("fedora-dv").delete();
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).isEmpty());
  }

  @Test
  void anImportThatHasStartedOrAQuotaWithoutStorageIsNoBlocker() {
    putQuota("rec-quota", "1Gi", "0");
    var dv = Recordings.createStored(run.client(), "18-datavolume.yaml");
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).hasSize(1));

    dv.getAdditionalProperties().put("status", Map.of("phase", "ImportInProgress"));
    run.client().resource(dv).update();
    await(() -> assertThat(run.scrape().all(INSUFFICIENT)).isEmpty());

    run.removeCrd("cdi.kubevirt.io", "DataVolume");
    run.settle();
    assertThat(run.scrape().all(INSUFFICIENT)).isEmpty();
  }
}
