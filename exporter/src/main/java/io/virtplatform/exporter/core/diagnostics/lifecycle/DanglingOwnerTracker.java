package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.DANGLING_OWNER_REFERENCES;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL;

import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Counts objects whose ownerReferences name an apiVersion/kind the cluster does not serve, per
 * kind, namespace and owner type. The garbage collector can delete such an object within a second
 * of its creation (the kube-api-rewriter failure), before any scrape sees the gauge, so each
 * object is also counted once, per owner type, in a counter.
 *
 * <p>It remembers the owner types of every object that has owners, which is what it needs to
 * re-judge them all when the set of served kinds changes. Owner-type lists are shared between
 * objects, since a cluster has few distinct ones.
 */
final class DanglingOwnerTracker {

  /** One series of both families. */
  private record Group(GroupVersionKind kind, String namespace, GroupVersionKind owner) {

    String key() {
      return String.join("\u0000", kind.kind(), namespace, owner.apiVersion(), owner.kind(),
          kind.group());
    }

    List<String> labels() {
      return List.of(kind.kind(), namespace, owner.apiVersion(), owner.kind());
    }
  }

  private record Owned(String uid, List<GroupVersionKind> ownerTypes) {}

  private final MetricStore store;
  private final Function<GroupVersionKind, Optional<Boolean>> served;
  private final Map<List<GroupVersionKind>, List<GroupVersionKind>> sharedOwnerTypes =
      new HashMap<>();
  private final Map<ResourceRef, Owned> owned = new HashMap<>();
  private final Map<ResourceRef, Set<GroupVersionKind>> dangling = new HashMap<>();
  private final Map<Group, Integer> counts = new HashMap<>();
  private final Map<Group, Long> observed = new HashMap<>();
  /** uid + owner type of every dangling reference already counted, while its object exists. */
  private final Set<String> counted = new HashSet<>();

  /**
   * @param served whether the API server serves a kind; empty when it cannot tell
   */
  DanglingOwnerTracker(MetricStore store, Function<GroupVersionKind, Optional<Boolean>> served) {
    this.store = store;
    this.served = served;
  }

  synchronized void changed(LifecycleFacts facts) {
    if (facts.ownerTypes().isEmpty()) {
      removed(facts.ref());
      return;
    }
    List<GroupVersionKind> types =
        sharedOwnerTypes.computeIfAbsent(facts.ownerTypes(), t -> t);
    Owned previous = owned.put(facts.ref(), new Owned(facts.uid(), types));
    if (previous != null && !Objects.equals(previous.uid(), facts.uid())) {
      forgetCounted(previous.uid());
    }
    judge(facts.ref(), owned.get(facts.ref()));
  }

  synchronized void removed(ResourceRef ref) {
    Owned previous = owned.remove(ref);
    if (previous != null) {
      forgetCounted(previous.uid());
    }
    setDangling(ref, Set.of());
  }

  /** Re-judges every object, after the set of served kinds may have changed. */
  synchronized void reevaluate() {
    owned.forEach(this::judge);
  }

  synchronized void kindStopped(GroupVersionKind kind) {
    Set.copyOf(owned.keySet()).stream().filter(ref -> ref.gvk().equals(kind))
        .forEach(this::removed);
    Set.copyOf(observed.keySet()).stream().filter(g -> g.kind().equals(kind)).forEach(g -> {
      observed.remove(g);
      store.remove(DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL, g.key());
    });
  }

  synchronized void clear() {
    owned.clear();
    dangling.clear();
    counted.clear();
    counts.keySet().forEach(g -> store.remove(DANGLING_OWNER_REFERENCES, g.key()));
    counts.clear();
    observed.keySet().forEach(g -> store.remove(DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL, g.key()));
    observed.clear();
  }

  /** An owner type whose state cannot be resolved right now keeps its previous judgement. */
  private void judge(ResourceRef ref, Owned object) {
    Set<GroupVersionKind> before = dangling.getOrDefault(ref, Set.of());
    Set<GroupVersionKind> unserved = new HashSet<>();
    for (GroupVersionKind owner : object.ownerTypes()) {
      if (served.apply(owner).map(isServed -> !isServed).orElse(before.contains(owner))) {
        unserved.add(owner);
        if (counted.add(countedKey(object.uid(), owner))) {
          Group group = new Group(ref.gvk(), ref.namespace(), owner);
          long total = observed.merge(group, 1L, Long::sum);
          store.put(DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL, group.key(),
              List.of(new Sample(group.labels(), total)));
        }
      }
    }
    setDangling(ref, unserved);
  }

  private void setDangling(ResourceRef ref, Set<GroupVersionKind> owners) {
    Set<GroupVersionKind> before = owners.isEmpty() ? dangling.remove(ref)
        : dangling.put(ref, owners);
    Set<GroupVersionKind> previous = before == null ? Set.of() : before;
    previous.stream().filter(o -> !owners.contains(o))
        .forEach(o -> adjust(new Group(ref.gvk(), ref.namespace(), o), -1));
    owners.stream().filter(o -> !previous.contains(o))
        .forEach(o -> adjust(new Group(ref.gvk(), ref.namespace(), o), 1));
  }

  private void adjust(Group group, int delta) {
    int count = counts.merge(group, delta, Integer::sum);
    if (count <= 0) {
      counts.remove(group);
      store.remove(DANGLING_OWNER_REFERENCES, group.key());
    } else {
      store.put(DANGLING_OWNER_REFERENCES, group.key(), List.of(new Sample(group.labels(), count)));
    }
  }

  private void forgetCounted(String uid) {
    String prefix = uid + "\u0000";
    counted.removeIf(c -> c.startsWith(prefix));
  }

  private static String countedKey(String uid, GroupVersionKind owner) {
    return uid + "\u0000" + owner.apiVersion() + "\u0000" + owner.kind();
  }
}
