package io.virtplatform.exporter.core.health;

import java.util.List;

/**
 * The replica counts behind a component's health for one selected workload. A workload that was
 * named but not found is reported with zero replicas, so it counts as not ready.
 */
public record WorkloadHealth(
    String workload, int ready, int desired, boolean healthy, List<ContainerImage> containers) {

  static WorkloadHealth of(WorkloadStatus status) {
    return new WorkloadHealth(
        status.name(), status.ready(), status.desired(), status.healthy(), status.containers());
  }

  static WorkloadHealth absent(String workload) {
    return new WorkloadHealth(workload, 0, 0, false, List.of());
  }
}
