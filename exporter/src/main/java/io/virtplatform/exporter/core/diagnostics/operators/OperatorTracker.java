package io.virtplatform.exporter.core.diagnostics.operators;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.OPERATOR_CONDITION;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.OPERATOR_UPGRADE_STUCK_SECONDS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.OPERATOR_VERSION_INFO;

import io.virtplatform.exporter.core.diagnostics.operators.OperatorStatus.Condition;
import io.virtplatform.exporter.core.diagnostics.operators.OperatorStatus.Versions;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the conditions and versions of each operator CR, and the age of an upgrade that has
 * lasted longer than {@code upgradeStuckAfter}. Condition series follow kube-state-metrics: one
 * per possible status, 1 on the current one, so a rule can test {@code status="True"} and a status
 * change never leaves a stale series behind.
 */
final class OperatorTracker {

  static final String PROGRESSING = "Progressing";

  /** An upgrade from one version to another, and since when it has been going on. */
  private record Upgrade(Versions versions, Instant since) {}

  private final MetricStore store;
  private final Set<ResourceRef> rendered = new HashSet<>();
  private final Map<ResourceRef, Upgrade> upgrades = new HashMap<>();
  private final Set<ResourceRef> stuck = new HashSet<>();
  private Duration stuckAfter;

  OperatorTracker(MetricStore store, Duration stuckAfter) {
    this.store = store;
    this.stuckAfter = stuckAfter;
  }

  synchronized void configure(Duration newStuckAfter) {
    stuckAfter = newStuckAfter;
  }

  synchronized void changed(OperatorStatus status, Instant now) {
    ResourceRef ref = status.ref();
    String key = key(ref);
    List<Sample> conditions = new ArrayList<>();
    for (Condition condition : status.conditions()) {
      for (String value : OperatorStatus.CONDITION_STATUSES) {
        conditions.add(Sample.of(value.equals(condition.status()) ? 1 : 0, ref.kind(),
            ref.name(), ref.namespace(), condition.type(), value));
      }
    }
    store.put(OPERATOR_CONDITION, key, conditions);
    Versions versions = status.versions();
    store.put(OPERATOR_VERSION_INFO, key, versions.isEmpty() ? List.of() : List.of(Sample.of(1,
        ref.kind(), ref.name(), ref.namespace(), versions.observed(), versions.target(),
        versions.operator())));
    rendered.add(ref);
    trackUpgrade(status, now);
  }

  /**
   * An upgrade starts when the Progressing condition last turned True, which survives a restart
   * of the exporter; without one, when the exporter first saw these versions differ.
   */
  private void trackUpgrade(OperatorStatus status, Instant now) {
    ResourceRef ref = status.ref();
    if (!status.versions().upgrading()) {
      upgrades.remove(ref);
      unstick(ref);
      return;
    }
    Upgrade current = upgrades.get(ref);
    if (current == null || !current.versions().equals(status.versions())) {
      Instant since = status.condition(PROGRESSING)
          .filter(c -> c.status().equals("True") && c.lastTransition() != null)
          .map(Condition::lastTransition).orElse(now);
      current = new Upgrade(status.versions(), since);
      upgrades.put(ref, current);
    }
    judge(ref, current, now);
  }

  synchronized void evaluate(Instant now) {
    upgrades.forEach((ref, upgrade) -> judge(ref, upgrade, now));
  }

  private void judge(ResourceRef ref, Upgrade upgrade, Instant now) {
    Duration age = Duration.between(upgrade.since(), now);
    if (age.compareTo(stuckAfter) <= 0) {
      unstick(ref);
      return;
    }
    store.put(OPERATOR_UPGRADE_STUCK_SECONDS, key(ref), List.of(Sample.of(age.getSeconds(),
        ref.kind(), ref.name(), ref.namespace(), upgrade.versions().observed(),
        upgrade.versions().target())));
    stuck.add(ref);
  }

  synchronized void deleted(ResourceRef ref) {
    if (rendered.remove(ref)) {
      store.remove(OPERATOR_CONDITION, key(ref));
      store.remove(OPERATOR_VERSION_INFO, key(ref));
    }
    upgrades.remove(ref);
    unstick(ref);
  }

  synchronized void kindStopped(GroupVersionKind kind) {
    Set.copyOf(rendered).stream().filter(r -> r.gvk().equals(kind)).forEach(this::deleted);
  }

  synchronized void clear() {
    Set.copyOf(rendered).forEach(this::deleted);
  }

  private void unstick(ResourceRef ref) {
    if (stuck.remove(ref)) {
      store.remove(OPERATOR_UPGRADE_STUCK_SECONDS, key(ref));
    }
  }

  private static String key(ResourceRef ref) {
    return ref.kind() + "\u0000" + ref.namespace() + "\u0000" + ref.name() + "\u0000"
        + ref.gvk().apiVersion();
  }
}
