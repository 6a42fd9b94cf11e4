package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.cluster.ManagedObjectsStore;
import io.virtplatform.exporter.core.cluster.Resolution;
import io.virtplatform.exporter.core.cluster.ServedApi;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.series.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch units of the golden state: one per served kind and namespace holding managed objects
 * (one cluster-wide unit for a cluster-scoped kind), so managing one ConfigMap needs read access to
 * ConfigMaps in its namespace only. A unit keeps only the managed objects in its informer store,
 * which is the exporter's one copy of them; {@link #observe} answers from it.
 *
 * <p>{@link #reconcile} runs on the cluster view's reconfiguration thread; {@link #observe} on
 * evaluation threads; {@link #tick} on the timer thread. Events only queue their object.
 */
final class GoldenWatches {

  private static final Logger LOG = LoggerFactory.getLogger(GoldenWatches.class);

  private record UnitKey(GroupVersionKind gvk, String namespace) {}

  /**
   * The store's keys are the unit's one set of its objects' keys; {@code refs} only needs
   * iterating, so it is a list (4 bytes per object rather than a hash set's 40).
   */
  private record Unit(ServedApi api, List<ResourceRef> refs, ManagedObjectsStore store,
      TrackedInformer tracked) {}

  private final KubernetesClient client;
  private final Informers informers;
  private final Consumer<ResourceRef> enqueue;
  private final Map<UnitKey, Unit> units = new ConcurrentHashMap<>();
  /** Kinds whose last answer from discovery was "not served". */
  private final Set<GroupVersionKind> unserved = ConcurrentHashMap.newKeySet();
  /** Kinds that discovery has answered for at least once: readiness waits for the others. */
  private final Set<GroupVersionKind> resolvedOnce = ConcurrentHashMap.newKeySet();
  /** Kinds whose discovery failed before it ever answered, with why, for readiness and logs. */
  private final Map<GroupVersionKind, String> unresolved = new ConcurrentHashMap<>();
  /** Per unit, whether it was unreadable at the last tick, to re-judge its objects on a change. */
  private final Map<UnitKey, Boolean> wasUnreadable = new HashMap<>();

  GoldenWatches(KubernetesClient client, Informers informers, Consumer<ResourceRef> enqueue) {
    this.client = client;
    this.informers = informers;
    this.enqueue = enqueue;
  }

  /**
   * Makes the units follow {@code golden} as discovery last {@code resolved} its kinds. A kind that
   * discovery could not answer for keeps its units as they are. Objects are queued for judging
   * where what is known of them changed: a unit that lists queues its objects once synced, and a
   * kind that stops being served queues its objects so that their series go.
   */
  void reconcile(GoldenState golden, Map<GroupVersionKind, Resolution> resolved) {
    Map<UnitKey, List<GoldenObject>> wanted = new HashMap<>();
    Map<UnitKey, ServedApi> apis = new HashMap<>();
    Set<GroupVersionKind> keep = new HashSet<>();
    for (GroupVersionKind gvk : golden.kinds()) {
      Resolution answer = resolved.get(gvk);
      if (answer instanceof Resolution.Served served) {
        resolvedOnce.add(gvk);
        unresolved.remove(gvk);
        unserved.remove(gvk);
        for (GoldenObject o : golden.ofKind(gvk)) {
          UnitKey key = new UnitKey(gvk, served.api().namespaced() ? o.ref().namespace() : "");
          wanted.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
          apis.put(key, served.api());
        }
      } else if (answer instanceof Resolution.NotServed) {
        resolvedOnce.add(gvk);
        unresolved.remove(gvk);
        if (unserved.add(gvk)) {
          LOG.info("{} is not served; its golden-state objects are a missing dependency",
              quote(gvk.toString()));
          golden.ofKind(gvk).forEach(o -> enqueue.accept(o.ref())); // their series go
        }
      } else {
        keep.add(gvk);
        if (answer instanceof Resolution.Unknown unknown && !resolvedOnce.contains(gvk)) {
          unresolved.put(gvk, unknown.error());
        }
      }
    }
    for (UnitKey key : new ArrayList<>(units.keySet())) {
      if (!wanted.containsKey(key) && !keep.contains(key.gvk())) stop(key);
    }
    wanted.forEach((key, objects) -> ensure(key, apis.get(key), objects));
    unserved.retainAll(golden.kinds());
    resolvedOnce.retainAll(golden.kinds());
    unresolved.keySet().retainAll(golden.kinds());
  }

  /** What the units know of {@code ref} now. */
  Observation observe(ResourceRef ref) {
    if (unserved.contains(ref.gvk())) {
      return Observation.UNSERVED;
    }
    Unit unit = units.get(new UnitKey(ref.gvk(), ref.namespace()));
    if (unit == null) {
      unit = units.get(new UnitKey(ref.gvk(), ""));
    }
    if (unit == null) {
      return Observation.UNKNOWN;
    }
    var unreadable = unit.tracked().unreadableReason();
    if (unreadable.isPresent()) {
      return new Observation.Unreadable(unreadable.get());
    }
    if (!unit.tracked().synced()) {
      return Observation.UNKNOWN;
    }
    Map<String, Object> live = unit.store()
        .document(ManagedObjectsStore.keyOf(ref.namespace(), ref.name()));
    return live == null ? Observation.ABSENT : new Observation.Present(live);
  }

  /**
   * Re-judges the objects of every unit that became unreadable or readable again: the client
   * reports those failures on its own threads, and this picks them up once a second.
   */
  synchronized void tick() {
    wasUnreadable.keySet().retainAll(units.keySet());
    units.forEach((key, unit) -> {
      boolean unreadable = unit.tracked().unreadableReason().isPresent();
      Boolean before = wasUnreadable.put(key, unreadable);
      if (before == null ? unreadable : before != unreadable) {
        unit.refs().forEach(enqueue);
      }
    });
  }

  /** Kinds readiness still waits for: neither resolved nor failed to resolve, by description. */
  List<String> unresolvedKinds(GoldenState golden) {
    return golden.kinds().stream()
        .filter(k -> !resolvedOnce.contains(k) && !unresolved.containsKey(k))
        .map(GroupVersionKind::toString).sorted().toList();
  }

  /** Every resource the units watch, per namespace ("" for cluster-wide). */
  Map<String, Set<WatchedResource>> watched() {
    Map<String, Set<WatchedResource>> all = new TreeMap<>();
    units.forEach((key, unit) -> all.computeIfAbsent(key.namespace(), n -> new java.util.TreeSet<>())
        .add(unit.api().resource()));
    return all;
  }

  void stopAll() {
    new ArrayList<>(units.keySet()).forEach(this::stop);
  }

  private void ensure(UnitKey key, ServedApi api, List<GoldenObject> objects) {
    List<ResourceRef> refs = objects.stream().map(GoldenObject::ref).distinct().toList();
    Set<String> keys = refs.stream()
        .map(ref -> ManagedObjectsStore.keyOf(key.namespace().isEmpty() ? "" : ref.namespace(),
            ref.name()))
        .collect(Collectors.toSet());
    Unit current = units.get(key);
    if (current != null && current.store().managesExactly(keys) && current.api().equals(api)) {
      return;
    }
    if (current != null) {
      stop(key);
    }
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
        .withGroup(api.gvk().group()).withVersion(api.gvk().version()).withKind(api.gvk().kind())
        .withPlural(api.plural()).withNamespaced(api.namespaced()).build();
    var resources = client.genericKubernetesResources(context);
    var scoped = api.namespaced() ? resources.inNamespace(key.namespace()) : resources;
    // One object: the server filters on its name, so nothing else of the kind crosses the wire.
    SharedIndexInformer<GenericKubernetesResource> informer = refs.size() == 1
        ? scoped.withName(refs.iterator().next().name()).runnableInformer(0)
        : scoped.runnableInformer(0);
    ManagedObjectsStore store = new ManagedObjectsStore(keys);
    // The store holds the managed objects only; the default namespace index would hold the key
    // of every object of the kind the informer sees, and nothing looks objects up by namespace.
    informer.itemStore(store).removeNamespaceIndex();
    TrackedInformer tracked = informers.start(api.resource(), key.namespace(), informer,
        EventHandlers.of((obj, deleted) -> {
          String objectKey = ManagedObjectsStore.keyOf(
              key.namespace().isEmpty() ? "" : key.namespace(), obj.getMetadata().getName());
          if (store.manages(objectKey)) {
            enqueue.accept(new ResourceRef(api.gvk(),
                api.namespaced() ? key.namespace() : "", obj.getMetadata().getName()));
          }
        }),
        () -> refs.forEach(enqueue));
    units.put(key, new Unit(api, refs, store, tracked));
    LOG.info("Watching {}{} ({} managed objects)", quote(api.resource().qualifiedName()),
        key.namespace().isEmpty() ? "" : " in " + quote(key.namespace()), keys.size());
  }

  private void stop(UnitKey key) {
    Unit unit = units.remove(key);
    if (unit != null) {
      informers.stop(unit.tracked());
      unit.refs().forEach(enqueue);
    }
  }
}
