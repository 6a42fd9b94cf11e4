package io.virtplatform.exporter.core.health;

import io.virtplatform.exporter.core.config.ComponentSpec;
import java.util.List;

/** The health of one component: healthy only when every one of its workloads is. */
public record ComponentHealth(ComponentSpec component, List<WorkloadHealth> workloads) {

  public ComponentHealth {
    workloads = List.copyOf(workloads);
  }

  public boolean healthy() {
    return !workloads.isEmpty() && workloads.stream().allMatch(WorkloadHealth::healthy);
  }
}
