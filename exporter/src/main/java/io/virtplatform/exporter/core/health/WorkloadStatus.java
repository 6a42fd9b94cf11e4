package io.virtplatform.exporter.core.health;

import io.virtplatform.exporter.core.config.WorkloadKind;
import java.util.List;
import java.util.Map;

/**
 * The replica counts of one workload, normalised across kinds: for a DaemonSet, {@code desired} is
 * desiredNumberScheduled, {@code ready} numberReady and {@code updated} updatedNumberScheduled.
 *
 * @param generationObserved the workload's controller has seen its latest spec: {@code
 *     status.observedGeneration} is at least {@code metadata.generation}. Until then the counts
 *     describe the previous spec, and {@code kubectl rollout status} waits.
 */
public record WorkloadStatus(
    WorkloadKind kind,
    String namespace,
    String name,
    Map<String, String> labels,
    int desired,
    int ready,
    int updated,
    boolean generationObserved,
    List<ContainerImage> containers) {

  public WorkloadStatus {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    containers = List.copyOf(containers);
  }

  /**
   * Fully rolled out with every desired replica ready, as {@code kubectl rollout status} judges
   * it: the latest generation observed, every replica updated and ready. A workload scaled to zero
   * is not healthy.
   */
  public boolean healthy() {
    return generationObserved && desired > 0 && ready == desired && updated == desired;
  }
}
