package io.virtplatform.exporter.core.config;

import java.util.Map;

/**
 * Selects the workloads of a component in the component's namespace: exactly one of {@code name}
 * (one workload) or {@code matchLabels} (every workload of the kind whose labels match) is set.
 */
public record WorkloadSelector(WorkloadKind kind, String name, Map<String, String> matchLabels) {

  public WorkloadSelector {
    matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
    if ((name == null) == matchLabels.isEmpty()) {
      throw new IllegalArgumentException("a workload needs exactly one of name or matchLabels");
    }
  }

  public static WorkloadSelector byName(WorkloadKind kind, String name) {
    return new WorkloadSelector(kind, name, null);
  }

  public static WorkloadSelector byLabels(WorkloadKind kind, Map<String, String> labels) {
    return new WorkloadSelector(kind, null, labels);
  }
}
