package io.virtplatform.exporter.core.health;

import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Resolves a component's workload selectors against the workloads of its namespace. */
public final class ComponentHealthEvaluator {

  private ComponentHealthEvaluator() {}

  public static ComponentHealth evaluate(
      ComponentSpec component, Collection<WorkloadStatus> workloadsInNamespace) {
    List<WorkloadHealth> selected = new ArrayList<>();
    for (WorkloadSelector selector : component.workloads()) {
      List<WorkloadStatus> matches = workloadsInNamespace.stream()
          .filter(w -> w.kind() == selector.kind() && w.namespace().equals(component.namespace()))
          .filter(w -> matches(selector, w))
          .sorted(Comparator.comparing(WorkloadStatus::name))
          .toList();
      if (matches.isEmpty()) {
        selected.add(WorkloadHealth.absent(describe(selector)));
      } else {
        matches.forEach(w -> selected.add(WorkloadHealth.of(w)));
      }
    }
    return new ComponentHealth(component, selected);
  }

  private static boolean matches(WorkloadSelector selector, WorkloadStatus workload) {
    if (selector.name() != null) {
      return selector.name().equals(workload.name());
    }
    return workload.labels().entrySet().containsAll(selector.matchLabels().entrySet());
  }

  /**
   * The {@code workload} label for a selector that matched nothing: the name when one was given,
   * else the label selector in kubectl syntax, so the on-call engineer can paste it.
   */
  static String describe(WorkloadSelector selector) {
    if (selector.name() != null) {
      return selector.name();
    }
    return selector.matchLabels().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
