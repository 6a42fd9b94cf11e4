package io.virtplatform.exporter.core.diagnostics.datavolume;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the checks read from one of the pods CDI starts per DataVolume: importer-{@code <pvc>},
 * cdi-upload-{@code <pvc>} and the clone source pods. CDI labels them
 * {@code app=containerized-data-importer} and {@code cdi.kubevirt.io} = importer,
 * cdi-upload-server or cdi-clone-source, the selector its own operator uses to find them.
 */
record CdiWorkerPod(String namespace, String name, long restarts, Optional<String> blockedReason) {

  static final String APP_LABEL = "app";
  static final String APP = "containerized-data-importer";
  static final String COMPONENT_LABEL = "cdi.kubevirt.io";
  static final Set<String> WORKER_COMPONENTS =
      Set.of("importer", "cdi-upload-server", "cdi-clone-source");

  private static final Set<String> FINISHED_PHASES = Set.of("Succeeded", "Failed");

  static boolean isWorker(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String component = labels == null ? null : labels.get(COMPONENT_LABEL);
    return component != null && WORKER_COMPONENTS.contains(component);
  }

  static CdiWorkerPod of(Pod pod) {
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    long restarts = containerStatuses(status)
        .mapToLong(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
    return new CdiWorkerPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        restarts, blockedReason(status));
  }

  /**
   * Why the pod cannot run its containers, or empty while they run or once the pod has finished:
   * the scheduler's reason, else the first waiting container's (init containers first, as they
   * run first), else Pending for a pod that has no container status yet.
   */
  private static Optional<String> blockedReason(PodStatus status) {
    String phase = status.getPhase() == null ? "" : status.getPhase();
    if (FINISHED_PHASES.contains(phase)) {
      return Optional.empty();
    }
    Optional<String> unschedulable = Objects.requireNonNullElse(status.getConditions(),
            List.<PodCondition>of()).stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(PodCondition::getReason)
        .map(r -> r == null || r.isEmpty() ? "Unschedulable" : r)
        .findFirst();
    if (unschedulable.isPresent()) {
      return unschedulable;
    }
    Optional<String> waiting = containerStatuses(status)
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason())
        .map(r -> r == null || r.isEmpty() ? "Waiting" : r)
        .findFirst();
    if (waiting.isPresent() || !"Pending".equals(phase)) {
      return waiting;
    }
    return Optional.of("Pending");
  }

  private static Stream<ContainerStatus> containerStatuses(PodStatus status) {
    return Stream.of(status.getInitContainerStatuses(), status.getContainerStatuses())
        .filter(Objects::nonNull).flatMap(List::stream);
  }
}
