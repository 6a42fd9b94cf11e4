package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.DANGLING_OWNER_REFERENCES;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL;

import io.virtplatform.exporter.core.diagnostics.lifecycle.LifecycleFacts.Owner;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.LogSafe;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts objects with a dangling ownerReference, per kind, namespace, owner type and reason:
 *
 * <ul>
 *   <li>{@code owner_kind_unserved}: the API server does not serve the owner's apiVersion and kind
 *       (or the apiVersion is not a valid group/version). The v1.26 garbage collector leaves such
 *       objects alone, but a kube-api-rewriter that rewrites the owner kind makes them orphans.
 *   <li>{@code owner_missing}: the owner kind is served and watched, its watch has listed every
 *       object, and no object of that kind has the owner's uid for {@link #MISSING_GRACE}. The
 *       v1.26 garbage collector deleted such objects within 17 to 65 seconds.
 * </ul>
 *
 * <p>The garbage collector can delete an object before any scrape sees the gauge, so each object is
 * also counted once, per owner type and reason, in a counter.
 *
 * <p>Whether an owner exists is known only for owners of the kinds the lifecycle check watches
 * (the uids it sees); an owner of any other kind is never reported missing. It remembers the uid of
 * every watched object and the owners of every object that has some.
 */
final class DanglingOwnerTracker {

  private static final Logger LOG = LoggerFactory.getLogger(DanglingOwnerTracker.class);

  /**
   * How long an owner must stay absent before its dependents count as dangling. Longer than the
   * lag between the watch events of two kinds (an owner and its dependent are often created within
   * a second, and their events can arrive in either order); shorter than the 17 seconds the v1.26
   * garbage collector took at the quickest to delete the dependent, so the counter sees it.
   */
  static final Duration MISSING_GRACE = Duration.ofSeconds(10);

  enum Reason {
    OWNER_KIND_UNSERVED("owner_kind_unserved"),
    OWNER_MISSING("owner_missing");

    final String label;

    Reason(String label) {
      this.label = label;
    }
  }

  /** One dangling reference type of an object. */
  private record Dangling(GroupVersionKind owner, Reason reason) {}

  /** One series of both families. */
  private record Group(GroupVersionKind kind, String namespace, Dangling dangling) {

    String key() {
      return String.join("\u0000", kind.kind(), namespace, dangling.owner().apiVersion(),
          dangling.owner().kind(), dangling.reason().label, kind.group());
    }

    List<String> labels() {
      return List.of(kind.kind(), namespace, dangling.owner().apiVersion(),
          dangling.owner().kind(), dangling.reason().label);
    }
  }

  /** A kind without its version: uids do not depend on the version an object is read in. */
  record GroupKind(String group, String kind) {
    static GroupKind of(GroupVersionKind gvk) {
      return new GroupKind(gvk.group(), gvk.kind());
    }
  }

  /**
   * An object with owners: the one instance of its ref that the indexes share, its uid, and its
   * owners: the {@link Owner} itself when there is one, the usual case (a VMI's VM, a pod's VMI),
   * else the list, so that the common case costs no list.
   */
  private static final class Owned {
    final ResourceRef ref;
    final Uid uid;
    private final Object owners;

    Owned(ResourceRef ref, Uid uid, List<Owner> owners) {
      this.ref = ref;
      this.uid = uid;
      this.owners = owners.size() == 1 ? owners.get(0) : List.copyOf(owners);
    }

    @SuppressWarnings("unchecked")
    List<Owner> owners() {
      return owners instanceof Owner one ? List.of(one) : (List<Owner>) owners;
    }
  }

  /** A dangling reference of an object counted in the counter, while the object exists. */
  private record Counted(Uid uid, Dangling dangling) {}

  private final MetricStore store;
  private final Function<GroupVersionKind, Optional<Boolean>> served;
  private final Function<GroupKind, Optional<Boolean>> listed;
  /**
   * uid of every watched object, and the uids per kind: the same {@link Uid} instance in both, as
   * a uid is only replaced when it changes.
   */
  private final Map<ResourceRef, Uid> uids = new HashMap<>();
  private final Map<GroupKind, Set<Uid>> existing = new HashMap<>();
  private final Map<ResourceRef, Owned> owned = new HashMap<>();
  /**
   * owner uid to the objects that name it: the {@link ResourceRef} itself when one does (an owner
   * usually has one dependent of the watched kinds), else a set of them.
   */
  private final Map<Uid, Object> dependents = new HashMap<>();
  /** Per object, since when each of its served, watched owners has been seen absent. */
  private final Map<ResourceRef, Map<Uid, Instant>> absentSince = new HashMap<>();
  /** Objects to judge again on every {@link #evaluate}: an owner absent or not listed yet. */
  private final Set<ResourceRef> pending = new HashSet<>();
  private final Map<ResourceRef, Set<Dangling>> dangling = new HashMap<>();
  private final Map<Group, Integer> counts = new HashMap<>();
  private final Map<Group, Long> observed = new HashMap<>();
  /** Every dangling reference already counted, while its object exists. */
  private final Set<Counted> counted = new HashSet<>();

  /**
   * @param served whether the API server serves a kind; empty when it cannot tell
   * @param listed for a kind this check watches, whether its watch has listed every object (so a
   *     uid it has not seen does not exist); empty for a kind it does not watch
   */
  DanglingOwnerTracker(MetricStore store, Function<GroupVersionKind, Optional<Boolean>> served,
      Function<GroupKind, Optional<Boolean>> listed) {
    this.store = store;
    this.served = served;
    this.listed = listed;
  }

  synchronized void changed(LifecycleFacts facts, Instant now) {
    ResourceRef ref = facts.ref();
    Uid uid = facts.uid();
    if (uid != null) {
      Uid before = uids.get(ref);
      if (uid.equals(before)) {
        uid = before;
      } else {
        uids.put(ref, uid);
        if (before != null) {
          forgetUid(ref, before, now);
        }
        existing.computeIfAbsent(GroupKind.of(ref.gvk()), k -> new HashSet<>()).add(uid);
        judgeDependents(uid, now);
      }
    }
    if (facts.owners().isEmpty()) {
      forgetOwners(ref);
      return;
    }
    Owned previous = owned.get(ref);
    if (previous != null) {
      ref = previous.ref;
      unindex(previous);
      if (!Objects.equals(previous.uid, uid)) {
        forgetCounted(previous.uid);
      }
    }
    Owned object = new Owned(ref, uid, facts.owners());
    owned.put(ref, object);
    for (Owner owner : facts.owners()) {
      if (owner.uid() != null) {
        addDependent(owner.uid(), ref);
      }
    }
    judge(ref, object, now);
  }

  synchronized void removed(ResourceRef ref, Instant now) {
    forgetOwners(ref);
    Uid uid = uids.remove(ref);
    if (uid != null) {
      forgetUid(ref, uid, now);
    }
  }

  /** Judges again the objects waiting on an owner: those cross the grace period here. */
  synchronized void evaluate(Instant now) {
    Set.copyOf(pending).forEach(ref -> judge(ref, owned.get(ref), now));
  }

  /** Re-judges every object, after the set of served kinds may have changed. */
  synchronized void reevaluate(Instant now) {
    Set.copyOf(owned.keySet()).forEach(ref -> judge(ref, owned.get(ref), now));
  }

  synchronized void kindStopped(GroupVersionKind kind, Instant now) {
    Set<ResourceRef> refs = new HashSet<>(uids.keySet());
    refs.addAll(owned.keySet());
    refs.stream().filter(ref -> ref.gvk().equals(kind)).forEach(ref -> removed(ref, now));
    Set.copyOf(observed.keySet()).stream().filter(g -> g.kind().equals(kind)).forEach(g -> {
      observed.remove(g);
      store.remove(DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL, g.key());
    });
  }

  synchronized void clear() {
    uids.clear();
    existing.clear();
    owned.clear();
    dependents.clear();
    absentSince.clear();
    pending.clear();
    dangling.clear();
    counted.clear();
    counts.keySet().forEach(g -> store.remove(DANGLING_OWNER_REFERENCES, g.key()));
    counts.clear();
    observed.keySet().forEach(g -> store.remove(DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL, g.key()));
    observed.clear();
  }

  private void forgetUid(ResourceRef ref, Uid uid, Instant now) {
    Set<Uid> ofKind = existing.get(GroupKind.of(ref.gvk()));
    if (ofKind != null) {
      ofKind.remove(uid);
    }
    judgeDependents(uid, now);
  }

  private void judgeDependents(Uid ownerUid, Instant now) {
    Object refs = dependents.get(ownerUid);
    if (refs instanceof ResourceRef one) {
      judge(one, owned.get(one), now);
    } else if (refs != null) {
      Set.copyOf(dependentSet(refs)).forEach(ref -> judge(ref, owned.get(ref), now));
    }
  }

  private void addDependent(Uid ownerUid, ResourceRef ref) {
    dependents.merge(ownerUid, ref, (refs, added) -> {
      if (refs.equals(added)) {
        return refs;
      }
      Set<ResourceRef> set = refs instanceof ResourceRef one ? new HashSet<>(Set.of(one))
          : dependentSet(refs);
      set.add((ResourceRef) added);
      return set;
    });
  }

  private void removeDependent(Uid ownerUid, ResourceRef ref) {
    dependents.computeIfPresent(ownerUid, (uid, refs) -> {
      if (refs instanceof ResourceRef one) {
        return one.equals(ref) ? null : one;
      }
      Set<ResourceRef> set = dependentSet(refs);
      set.remove(ref);
      return set.size() == 1 ? set.iterator().next() : set;
    });
  }

  @SuppressWarnings("unchecked")
  private static Set<ResourceRef> dependentSet(Object refs) {
    return (Set<ResourceRef>) refs;
  }

  private void forgetOwners(ResourceRef ref) {
    Owned previous = owned.remove(ref);
    if (previous != null) {
      unindex(previous);
      forgetCounted(previous.uid);
    }
    absentSince.remove(ref);
    pending.remove(ref);
    setDangling(ref, Set.of());
  }

  private void unindex(Owned object) {
    for (Owner owner : object.owners()) {
      if (owner.uid() != null) {
        removeDependent(owner.uid(), object.ref);
      }
    }
  }

  /** A reference whose state cannot be told right now keeps its previous judgement. */
  private void judge(ResourceRef ref, Owned object, Instant now) {
    if (object == null) {
      return;
    }
    Set<Dangling> before = dangling.getOrDefault(ref, Set.of());
    Set<Dangling> current = new HashSet<>();
    Map<Uid, Instant> absent = new HashMap<>();
    Map<Uid, Instant> absentBefore = absentSince.getOrDefault(ref, Map.of());
    boolean waiting = false;
    for (Owner owner : object.owners()) {
      Dangling unserved = new Dangling(owner.type(), Reason.OWNER_KIND_UNSERVED);
      Dangling missing = new Dangling(owner.type(), Reason.OWNER_MISSING);
      Optional<Boolean> isServed =
          owner.valid() ? served.apply(owner.type()) : Optional.of(false);
      if (isServed.isEmpty()) {
        keep(before, current, unserved, missing);
        continue;
      }
      if (!isServed.get()) {
        current.add(unserved);
        continue;
      }
      Optional<Boolean> complete = owner.uid() == null
          ? Optional.empty() : listed.apply(GroupKind.of(owner.type()));
      if (complete.isEmpty()) {
        continue;
      }
      if (!complete.get()) {
        keep(before, current, missing);
        waiting = true;
      } else if (!existing.getOrDefault(GroupKind.of(owner.type()), Set.of())
          .contains(owner.uid())) {
        Instant since = absentBefore.getOrDefault(owner.uid(), now);
        absent.put(owner.uid(), since);
        if (Duration.between(since, now).compareTo(MISSING_GRACE) >= 0) {
          current.add(missing);
        } else {
          waiting = true;
        }
      }
    }
    if (absent.isEmpty()) {
      absentSince.remove(ref);
    } else {
      absentSince.put(ref, absent);
    }
    if (waiting) {
      pending.add(ref);
    } else {
      pending.remove(ref);
    }
    for (Dangling d : current) {
      if (counted.add(new Counted(object.uid, d))) {
        Group group = new Group(ref.gvk(), ref.namespace(), d);
        long total = observed.merge(group, 1L, Long::sum);
        store.put(DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL, group.key(),
            List.of(new Sample(group.labels(), total)));
        if (d.reason() == Reason.OWNER_MISSING) {
          LOG.info("{} {} names an owner {} that has not existed for {}s; the garbage collector"
              + " will delete it", ref.kind(), LogSafe.quote(ref.namespace() + "/" + ref.name()),
              LogSafe.quote(d.owner().toString()), MISSING_GRACE.toSeconds());
        }
      }
    }
    setDangling(ref, current);
  }

  private static void keep(Set<Dangling> before, Set<Dangling> into, Dangling... candidates) {
    for (Dangling d : candidates) {
      if (before.contains(d)) {
        into.add(d);
      }
    }
  }

  private void setDangling(ResourceRef ref, Set<Dangling> refs) {
    Set<Dangling> before = refs.isEmpty() ? dangling.remove(ref) : dangling.put(ref, refs);
    Set<Dangling> previous = before == null ? Set.of() : before;
    previous.stream().filter(d -> !refs.contains(d))
        .forEach(d -> adjust(new Group(ref.gvk(), ref.namespace(), d), -1));
    refs.stream().filter(d -> !previous.contains(d))
        .forEach(d -> adjust(new Group(ref.gvk(), ref.namespace(), d), 1));
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

  private void forgetCounted(Uid uid) {
    counted.removeIf(c -> Objects.equals(c.uid(), uid));
  }
}
