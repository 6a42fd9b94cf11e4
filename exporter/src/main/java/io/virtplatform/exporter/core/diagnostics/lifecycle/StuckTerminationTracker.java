package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.STUCK_TERMINATING_SECONDS;

import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@code virt_platform_stuck_terminating_seconds} for objects whose deletion was requested
 * longer than {@code terminatingAfter} ago and that finalizers still hold. It remembers only the
 * objects being deleted, which are few; their age is re-rendered on every {@link #evaluate}.
 */
final class StuckTerminationTracker {

  private record Deleting(Instant requested, List<String> finalizers) {}

  private final MetricStore store;
  private final Map<ResourceRef, Deleting> deleting = new HashMap<>();
  private final Set<ResourceRef> rendered = new HashSet<>();
  private Duration terminatingAfter;

  StuckTerminationTracker(MetricStore store, Duration terminatingAfter) {
    this.store = store;
    this.terminatingAfter = terminatingAfter;
  }

  synchronized void configure(Duration newTerminatingAfter) {
    terminatingAfter = newTerminatingAfter;
  }

  synchronized void changed(LifecycleFacts facts, Instant now) {
    if (facts.deletionRequested() == null || facts.finalizers().isEmpty()) {
      removed(facts.ref());
      return;
    }
    Deleting state = new Deleting(facts.deletionRequested(), facts.finalizers());
    deleting.put(facts.ref(), state);
    render(facts.ref(), state, now);
  }

  synchronized void removed(ResourceRef ref) {
    deleting.remove(ref);
    unrender(ref);
  }

  synchronized void kindStopped(GroupVersionKind kind) {
    deleting.keySet().removeIf(ref -> ref.gvk().equals(kind));
    Set.copyOf(rendered).stream().filter(ref -> ref.gvk().equals(kind)).forEach(this::unrender);
  }

  /** Re-renders every deleting object's age; objects cross the threshold here. */
  synchronized void evaluate(Instant now) {
    deleting.forEach((ref, state) -> render(ref, state, now));
  }

  synchronized void clear() {
    deleting.clear();
    Set.copyOf(rendered).forEach(this::unrender);
  }

  private void render(ResourceRef ref, Deleting state, Instant now) {
    Duration age = Duration.between(state.requested(), now);
    if (age.compareTo(terminatingAfter) <= 0) {
      unrender(ref);
      return;
    }
    List<Sample> samples = state.finalizers().stream()
        .map(f -> Sample.of(age.getSeconds(), ref.kind(), ref.namespace(), ref.name(), f))
        .toList();
    store.put(STUCK_TERMINATING_SECONDS, key(ref), samples);
    rendered.add(ref);
  }

  private void unrender(ResourceRef ref) {
    if (rendered.remove(ref)) {
      store.remove(STUCK_TERMINATING_SECONDS, key(ref));
    }
  }

  /** Kind first so an object's lines sort with its kind; the group keeps same-named kinds apart. */
  private static String key(ResourceRef ref) {
    return String.join("\u0000", ref.kind(), ref.namespace(), ref.name(), ref.gvk().group());
  }
}
