package io.virtplatform.exporter.core.series;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.MISSING_DEPENDENCY;

import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders one {@code virt_platform_missing_dependency} series per checked API kind. */
public final class DependencyTracker {

  private final MetricStore store;
  private final Set<GroupVersionKind> reported = new HashSet<>();

  public DependencyTracker(MetricStore store) {
    this.store = store;
  }

  /**
   * Replaces the reported set: {@code missing} maps every checked kind to whether it is missing.
   * Kinds no longer checked lose their series.
   */
  public synchronized void report(Map<GroupVersionKind, Boolean> missing) {
    for (GroupVersionKind gone : reported) {
      if (!missing.containsKey(gone)) store.remove(MISSING_DEPENDENCY, key(gone));
    }
    reported.clear();
    missing.forEach((gvk, isMissing) -> {
      reported.add(gvk);
      store.put(MISSING_DEPENDENCY, key(gvk),
          List.of(new Sample(List.of(gvk.group(), gvk.version(), gvk.kind()), isMissing ? 1 : 0)));
    });
  }

  private static String key(GroupVersionKind gvk) {
    return String.join("\u0000", gvk.group(), gvk.version(), gvk.kind());
  }
}
