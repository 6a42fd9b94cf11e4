package io.virtplatform.exporter.core.diagnostics.datavolume;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.DataVolumeSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.LifecycleSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Series;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DataVolumes and CDI worker pods, against the mock API server. */
class DataVolumeDiagnosticTest {

  private static final String COUNT = "virt_platform_datavolumes";
  private static final String STUCK = "virt_platform_datavolume_stuck_age_seconds";
  private static final String RESTARTS = "virt_platform_cdi_worker_pod_restarts_total";
  private static final String WAITING = "virt_platform_cdi_worker_pod_waiting";

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun(DataVolumeDiagnostic::new);
    run.installCrd("cdi.kubevirt.io", "v1beta1", "DataVolume", true);
    run.apply(settings(Duration.ofHours(1)));
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private static DiagnosticsSettings settings(Duration stuckAfter) {
    return new DiagnosticsSettings(WebhookSettings.DEFAULT, new DataVolumeSettings(stuckAfter),
        LifecycleSettings.DEFAULT);
  }

  private void putDataVolume(String namespace, String name, String phase) {
    GenericKubernetesResourceBuilder dv = new GenericKubernetesResourceBuilder()
        .withApiVersion("cdi.kubevirt.io/v1beta1").withKind("DataVolume")
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
    if (phase != null) {
      dv.addToAdditionalProperties("status", Map.of("phase", phase, "progress", "10.0%"));
    }
    run.client().genericKubernetesResources("cdi.kubevirt.io/v1beta1", "DataVolume")
        .inNamespace(namespace).resource(dv.build()).createOr(existing -> existing.update());
  }

  private void deleteDataVolume(String namespace, String name) {
    run.client().genericKubernetesResources("cdi.kubevirt.io/v1beta1", "DataVolume")
        .inNamespace(namespace).withName(name).delete();
  }

  private static String stuck(String namespace, String name, String phase) {
    return "namespace=\"" + namespace + "\",name=\"" + name + "\",phase=\"" + phase + "\"";
  }

  @Test
  void countsDataVolumesPerNamespaceAndPhaseWithoutASeriesPerDataVolume() {
    for (int i = 0; i < 5; i++) {
      putDataVolume("vms", "done-" + i, "Succeeded");
    }
    putDataVolume("vms", "importing", "ImportInProgress");
    putDataVolume("other", "fresh", null);

    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(COUNT)).containsOnly(
          Map.entry(COUNT + "{namespace=\"vms\",phase=\"Succeeded\"}", 5.0),
          Map.entry(COUNT + "{namespace=\"vms\",phase=\"ImportInProgress\"}", 1.0),
          Map.entry(COUNT + "{namespace=\"other\",phase=\"Unset\"}", 1.0));
    });

    putDataVolume("vms", "importing", "Succeeded");
    deleteDataVolume("other", "fresh");
    await(() -> assertThat(run.scrape().all(COUNT)).containsOnly(
        Map.entry(COUNT + "{namespace=\"vms\",phase=\"Succeeded\"}", 6.0)));
  }

  @Test
  void aDataVolumeNotSucceededAfterStuckAfterIsStuckUntilItSucceeds() {
    putDataVolume("vms", "rhel9", "ImportScheduled");
    putDataVolume("vms", "done", "Succeeded");
    putDataVolume("vms", "wffc", "WaitForFirstConsumer");
    await(() -> assertThat(run.scrape().all(COUNT)).hasSize(3));

    run.clock().advance(Duration.ofMinutes(59));
    run.settle();
    assertThat(run.scrape().all(STUCK)).as("not before stuckAfter").isEmpty();

    run.clock().advance(Duration.ofMinutes(2));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(STUCK)).as("neither the Succeeded nor the WFFC one")
          .containsOnlyKeys(STUCK + "{" + stuck("vms", "rhel9", "ImportScheduled") + "}");
      assertThat(s.get(STUCK, stuck("vms", "rhel9", "ImportScheduled")))
          .isBetween(60 * 60.0, 62 * 60.0);
    });

    putDataVolume("vms", "rhel9", "ImportInProgress");
    await(() -> assertThat(run.scrape().all(STUCK)).as("the phase label follows, one series")
        .containsOnlyKeys(STUCK + "{" + stuck("vms", "rhel9", "ImportInProgress") + "}"));

    putDataVolume("vms", "rhel9", "Succeeded");
    await(() -> assertThat(run.scrape().all(STUCK)).isEmpty());
  }

  @Test
  void aDataVolumeThatStopsWaitingForItsUserAgesFromItsCreation() {
    putDataVolume("vms", "wffc", "WaitForFirstConsumer");
    await(() -> assertThat(run.scrape().all(COUNT)).hasSize(1));
    run.clock().advance(Duration.ofHours(2));
    run.settle();
    assertThat(run.scrape().all(STUCK)).isEmpty();

    putDataVolume("vms", "wffc", "ImportScheduled");
    await(() -> assertThat(run.scrape().get(STUCK, stuck("vms", "wffc", "ImportScheduled")))
        .as("not from the phase change").isBetween(120 * 60.0, 122 * 60.0));
  }

  @Test
  void aDeletedDataVolumeOrALongerStuckAfterDropsTheSeries() {
    putDataVolume("vms", "a", "Failed");
    putDataVolume("vms", "b", "ImportInProgress");
    run.clock().advance(Duration.ofHours(2));
    await(() -> assertThat(run.scrape().all(STUCK)).hasSize(2));

    deleteDataVolume("vms", "a");
    await(() -> assertThat(run.scrape().all(STUCK)).containsOnlyKeys(
        STUCK + "{" + stuck("vms", "b", "ImportInProgress") + "}"));

    run.apply(settings(Duration.ofHours(3)));
    assertThat(run.scrape().all(STUCK)).isEmpty();
  }

  private void putPod(String name, String component, Pod status) {
    Pod pod = new PodBuilder(status).editOrNewMetadata().withName(name).withNamespace("vms")
        .addToLabels("app", "containerized-data-importer")
        .addToLabels("cdi.kubevirt.io", component).endMetadata().build();
    run.client().pods().inNamespace("vms").resource(pod).createOr(existing -> existing.update());
  }

  private static Pod crashLooping(int restarts) {
    return new PodBuilder().withNewStatus().withPhase("Running")
        .addNewContainerStatus().withName("importer").withRestartCount(restarts)
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
        .endContainerStatus().endStatus().build();
  }

  private static Pod running(int restarts) {
    return new PodBuilder().withNewStatus().withPhase("Running")
        .addNewContainerStatus().withName("importer").withRestartCount(restarts)
        .withNewState().withNewRunning().endRunning().endState()
        .endContainerStatus().endStatus().build();
  }

  private static Pod unschedulable() {
    return new PodBuilder().withNewStatus().withPhase("Pending")
        .addNewCondition().withType("PodScheduled").withStatus("False")
        .withReason("Unschedulable").endCondition().endStatus().build();
  }

  @Test
  void workerPodsReportRestartsAndWhyTheyCannotRun() {
    putPod("importer-rhel9", "importer", crashLooping(5));
    putPod("cdi-upload-win", "cdi-upload-server", unschedulable());
    putPod("cdi-deployment-7f9c", "cdi-deployment", crashLooping(9));

    await(() -> {
      Series s = run.scrape();
      assertThat(s.get(RESTARTS, "namespace=\"vms\",name=\"importer-rhel9\"")).isEqualTo(5.0);
      assertThat(s.get(WAITING, "namespace=\"vms\",name=\"importer-rhel9\","
          + "reason=\"CrashLoopBackOff\"")).isEqualTo(1.0);
      assertThat(s.get(WAITING, "namespace=\"vms\",name=\"cdi-upload-win\","
          + "reason=\"Unschedulable\"")).isEqualTo(1.0);
      assertThat(s.all(RESTARTS)).as("CDI's own deployment is no worker").hasSize(2);
    });

    putPod("importer-rhel9", "importer", running(6));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get(RESTARTS, "namespace=\"vms\",name=\"importer-rhel9\"")).isEqualTo(6.0);
      assertThat(s.all(WAITING)).containsOnlyKeys(WAITING
          + "{namespace=\"vms\",name=\"cdi-upload-win\",reason=\"Unschedulable\"}");
    });

    run.client().pods().inNamespace("vms").withName("importer-rhel9").delete();
    run.client().pods().inNamespace("vms").withName("cdi-upload-win").delete();
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(RESTARTS)).isEmpty();
      assertThat(s.all(WAITING)).isEmpty();
    });
  }

  @Test
  void withoutCdiNothingIsWatchedAndRemovingCdiDropsEverySeries() {
    putDataVolume("vms", "a", "ImportInProgress");
    putPod("importer-a", "importer", crashLooping(1));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(COUNT)).hasSize(1);
      assertThat(s.all(WAITING)).hasSize(1);
    });

    run.removeCrd("cdi.kubevirt.io", "DataVolume");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(COUNT)).isEmpty();
      assertThat(s.all(RESTARTS)).isEmpty();
      assertThat(s.all(WAITING)).isEmpty();
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });

    putPod("importer-b", "importer", crashLooping(1));
    run.settle();
    assertThat(run.scrape().all(WAITING)).as("pods are not watched without CDI").isEmpty();
  }
}
