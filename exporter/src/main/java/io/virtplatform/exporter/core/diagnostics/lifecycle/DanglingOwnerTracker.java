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

  private record Owned(String uid, List<Owner> owners) {}

  private final MetricStore store;
  private final Function<GroupVersionKind, Optional<Boolean>> served;
  private final Function<GroupKind, Optional<Boolean>> listed;
  /** uid of every watched object, and the uids per kind. */
  private final Map<ResourceRef, String> uids = new HashMap<>();
  private final Map<GroupKind, Set<String>> existing = new HashMap<>();
  private final Map<ResourceRef, Owned> owned = new HashMap<>();
  /** owner uid to the objects that name it. */
  private final Map<String, Set<ResourceRef>> dependents = new HashMap<>();
  /** Per object, since when each of its served, watched owners has been seen absent. */
  private final Map<ResourceRef, Map<String, Instant>> absentSince = new HashMap<>();
  /** Objects to judge again on every {@link #evaluate}: an owner absent or not listed yet. */
  private final Set<ResourceRef> pending = new HashSet<>();
  private final Map<ResourceRef, Set<Dangling>> dangling = new HashMap<>();
  private final Map<Group, Integer> counts = new HashMap<>();
  private final Map<Group, Long> observed = new HashMap<>();
  /** uid + owner type + reason of every dangling reference already counted, while it exists. */
  private final Set<String> counted = new HashSet<>();

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
    if (facts.uid() != null) {
      String before = uids.put(ref, facts.uid());
      if (!facts.uid().equals(before)) {
        if (before != null) {
          forgetUid(ref, before, now);
        }
        existing.computeIfAbsent(GroupKind.of(ref.gvk()), k -> new HashSet<>()).add(facts.uid());
        judgeDependents(facts.uid(), now);
      }
    }
    if (facts.owners().isEmpty()) {
      forgetOwners(ref);
      return;
    }
    Owned previous = owned.put(ref, new Owned(facts.uid(), facts.owners()));
    if (previous != null) {
      unindex(ref, previous);
      if (!Objects.equals(previous.uid(), facts.uid())) {
        forgetCounted(previous.uid());
      }
    }
    facts.owners().stream().map(Owner::uid).filter(Objects::nonNull)
        .forEach(uid -> dependents.computeIfAbsent(uid, u -> new HashSet<>()).add(ref));
    judge(ref, owned.get(ref), now);
  }

  synchronized void removed(ResourceRef ref, Instant now) {
    forgetOwners(ref);
    String uid = uids.remove(ref);
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

  private void forgetUid(ResourceRef ref, String uid, Instant now) {
    Set<String> ofKind = existing.get(GroupKind.of(ref.gvk()));
    if (ofKind != null) {
      ofKind.remove(uid);
    }
    judgeDependents(uid, now);
  }

  private void judgeDependents(String ownerUid, Instant now) {
    Set.copyOf(dependents.getOrDefault(ownerUid, Set.of()))
        .forEach(ref -> judge(ref, owned.get(ref), now));
  }

  private void forgetOwners(ResourceRef ref) {
    Owned previous = owned.remove(ref);
    if (previous != null) {
      unindex(ref, previous);
      forgetCounted(previous.uid());
    }
    absentSince.remove(ref);
    pending.remove(ref);
    setDangling(ref, Set.of());
  }

  private void unindex(ResourceRef ref, Owned object) {
    for (Owner owner : object.owners()) {
      Set<ResourceRef> refs = owner.uid() == null ? null : dependents.get(owner.uid());
      if (refs != null && refs.remove(ref) && refs.isEmpty()) {
        dependents.remove(owner.uid());
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
    Map<String, Instant> absent = new HashMap<>();
    Map<String, Instant> absentBefore = absentSince.getOrDefault(ref, Map.of());
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
      if (counted.add(countedKey(object.uid(), d))) {
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

  private void forgetCounted(String uid) {
    String prefix = uid + "\u0000";
    counted.removeIf(c -> c.startsWith(prefix));
  }

  private static String countedKey(String uid, Dangling d) {
    return uid + "\u0000" + d.owner().apiVersion() + "\u0000" + d.owner().kind() + "\u0000"
        + d.reason().label;
  }
}
