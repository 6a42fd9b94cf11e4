package io.virtplatform.exporter.core.health;

import io.virtplatform.exporter.core.config.WorkloadKind;
import java.util.List;
import java.util.Map;

/**
 * The replica counts of one workload, normalised across kinds: for a DaemonSet, {@code desired} is
 * desiredNumberScheduled, {@code ready} numberReady and {@code updated} updatedNumberScheduled.
 */
public record WorkloadStatus(
    WorkloadKind kind,
    String namespace,
    String name,
    Map<String, String> labels,
    int desired,
    int ready,
    int updated,
    List<ContainerImage> containers) {

  public WorkloadStatus {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    containers = List.copyOf(containers);
  }

  /** Fully rolled out with every desired replica ready; a workload scaled to zero is not healthy. */
  public boolean healthy() {
    return desired > 0 && ready == desired && updated == desired;
  }
}
