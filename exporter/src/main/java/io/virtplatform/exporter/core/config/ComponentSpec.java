package io.virtplatform.exporter.core.config;

import java.util.List;

/** A platform component whose health is the health of all its workloads. */
public record ComponentSpec(String name, String namespace, List<WorkloadSelector> workloads) {

  public ComponentSpec {
    workloads = List.copyOf(workloads);
  }
}
