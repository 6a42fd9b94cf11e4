package io.virtplatform.exporter.core.diagnostics.datavolume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdiWorkerPodTest {

  private static ContainerStatus waiting(String name, String reason, int restarts) {
    return new ContainerStatusBuilder().withName(name).withRestartCount(restarts)
        .withNewState().withNewWaiting().withReason(reason).endWaiting().endState().build();
  }

  private static ContainerStatus running(String name, int restarts) {
    return new ContainerStatusBuilder().withName(name).withRestartCount(restarts)
        .withNewState().withNewRunning().endRunning().endState().build();
  }

  private static Pod pod(String phase, ContainerStatus[] init, ContainerStatus... containers) {
    return new PodBuilder().withNewMetadata().withName("importer-disk").withNamespace("vms")
        .addToLabels("cdi.kubevirt.io", "importer").endMetadata()
        .withNewStatus().withPhase(phase).withInitContainerStatuses(init)
        .withContainerStatuses(containers).endStatus().build();
  }

  @Test
  void aWaitingInitContainerIsTheReasonAndRestartsAddUp() {
    CdiWorkerPod worker = CdiWorkerPod.of(pod("Pending",
        new ContainerStatus[] {waiting("vddk-side-car", "ImagePullBackOff", 2)},
        waiting("importer", "PodInitializing", 1)));

    assertThat(worker.blockedReason()).contains("ImagePullBackOff");
    assertThat(worker.restarts()).isEqualTo(3);
  }

  @Test
  void aPendingPodWithoutContainerStatusesIsPending() {
    assertThat(CdiWorkerPod.of(pod("Pending", new ContainerStatus[0])).blockedReason())
        .contains("Pending");
  }

  @Test
  void runningAndFinishedPodsAreNotBlocked() {
    assertThat(CdiWorkerPod.of(pod("Running", new ContainerStatus[0], running("importer", 4)))
        .blockedReason()).isEqualTo(Optional.empty());
    assertThat(CdiWorkerPod.of(pod("Succeeded", new ContainerStatus[0],
        waiting("importer", "Completed", 0))).blockedReason()).isEmpty();
  }

  @Test
  void onlyImporterUploadAndCloneSourcePodsAreWorkers() {
    assertThat(CdiWorkerPod.isWorker(pod("Running", new ContainerStatus[0]))).isTrue();
    assertThat(CdiWorkerPod.isWorker(new PodBuilder().withNewMetadata().withName("cdi-deployment")
        .addToLabels("cdi.kubevirt.io", "").endMetadata().build())).isFalse();
    assertThat(CdiWorkerPod.isWorker(new PodBuilder().withNewMetadata().withName("x")
        .endMetadata().build())).isFalse();
  }
}
