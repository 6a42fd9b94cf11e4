package io.virtplatform.exporter.core.diagnostics;

import io.virtplatform.exporter.core.cluster.KindPlurals;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.KeyVersionStore;
import io.virtplatform.exporter.core.cluster.Resolution;
import io.virtplatform.exporter.core.cluster.ServedApi;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every object of some kinds, cluster-wide, for as long as the API server serves them: one
 * informer per served kind, started when the kind appears and stopped when it disappears or is no
 * longer wanted. Checks that start watching a kind in the same round share its informer
 * ({@link io.virtplatform.exporter.core.cluster.Informers#share}); each has its own handler, and
 * stopping one check's watch leaves the others' running.
 *
 * <p>The informers keep only each object's key and resource version. The listener receives the
 * full object with every event and keeps the few facts it needs, so watching every PVC or
 * Namespace of a large cluster does not hold them all in memory.
 *
 * <p>{@link #reconcile} and {@link #close} run on the cluster view's reconfiguration thread; the
 * listener's {@code changed} and {@code deleted} run on informer threads.
 */
public final class KindWatches implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KindWatches.class);

  /** Receives the objects of the watched kinds. */
  public interface Listener {

    void changed(GroupVersionKind kind, GenericKubernetesResource object);

    /**
     * The object is gone. After a relist the object carries only its namespace and name, as the
     * informer no longer holds more.
     */
    void deleted(GroupVersionKind kind, GenericKubernetesResource object);

    /** The kind is no longer watched; forget its objects and drop their series. */
    void stopped(GroupVersionKind kind);
  }

  private record Watch(ServedApi api, Informers.Share share,
      StoppableHandler<GenericKubernetesResource> handler) {}

  private final DiagnosticContext context;
  private final Listener listener;
  private final Map<GroupVersionKind, Watch> watches = new HashMap<>();

  /**
   * What a check watching {@code defaults} and, once configured, {@code configured} kinds needs
   * granted: the defaults always, so the deploy ClusterRole covers them, and the others on top.
   */
  public static List<WatchedResource> resources(
      Collection<GroupVersionKind> defaults, Collection<GroupVersionKind> configured) {
    Set<GroupVersionKind> kinds = new LinkedHashSet<>(defaults);
    kinds.addAll(configured);
    return kinds.stream().map(k -> new WatchedResource(k.group(), KindPlurals.of(k))).toList();
  }

  public KindWatches(DiagnosticContext context, Listener listener) {
    this.context = context;
    this.listener = listener;
  }

  /**
   * Watches each wanted kind that is served and stops every other watch. A kind whose state cannot
   * be resolved (the API server does not answer) keeps its current watch, or lack of one.
   */
  public void reconcile(Collection<GroupVersionKind> wanted) {
    for (GroupVersionKind kind : new ArrayList<>(watches.keySet())) {
      if (!wanted.contains(kind)) stop(kind);
    }
    // One batch: a hung API server costs one discovery timeout, not one per kind.
    Map<GroupVersionKind, Resolution> answers = context.apis().resolveAll(wanted);
    answers.forEach((kind, answer) -> {
      Watch current = watches.get(kind);
      if (answer instanceof Resolution.Unknown unknown) {
        LOG.warn("Cannot tell whether {} is served, keeping its watch as it is: {}",
            quote(kind.toString()), quote(unknown.error()));
      } else if (answer instanceof Resolution.Served served) {
        if (current == null || !current.api().equals(served.api())) {
          stop(kind);
          start(served.api());
        }
      } else {
        stop(kind);
      }
    });
  }

  public boolean isWatching(GroupVersionKind kind) {
    return watches.containsKey(kind);
  }

  private void start(ServedApi api) {
    GroupVersionKind kind = api.gvk();
    StoppableHandler<GenericKubernetesResource> handler = new StoppableHandler<>(
        EventHandlers.of((obj, deleted) -> {
          if (deleted) {
            listener.deleted(kind, obj);
          } else {
            listener.changed(kind, obj);
          }
        }));
    // Every KindWatches builds the same informer for a served API, so the API alone keys the
    // unit: checks watching the same kind (PVCs and DataVolumes for the lifecycle and DataVolume
    // checks) share one list and watch.
    Informers.Share share =
        context.informers().share(api, api.resource(), "", () -> informer(api), handler);
    watches.put(kind, new Watch(api, share, handler));
    LOG.info("Watching {} for the troubleshooting checks", quote(api.resource().toString()));
  }

  private SharedIndexInformer<GenericKubernetesResource> informer(ServedApi api) {
    ResourceDefinitionContext definition = new ResourceDefinitionContext.Builder()
        .withGroup(api.gvk().group()).withVersion(api.gvk().version()).withKind(api.gvk().kind())
        .withPlural(api.plural()).withNamespaced(api.namespaced()).build();
    var resources = context.client().genericKubernetesResources(definition);
    SharedIndexInformer<GenericKubernetesResource> informer = api.namespaced()
        ? resources.inAnyNamespace().runnableInformer(0)
        : resources.runnableInformer(0);
    // Keys and resource versions only, and no namespace index: the checks keep what they need
    // from the events, and these kinds have tens of thousands of objects.
    informer.itemStore(new KeyVersionStore()).removeNamespaceIndex();
    return informer;
  }

  private void stop(GroupVersionKind kind) {
    Watch watch = watches.remove(kind);
    if (watch != null) {
      watch.handler().stop();
      watch.share().release();
      listener.stopped(kind);
    }
  }

  @Override
  public void close() {
    new ArrayList<>(watches.keySet()).forEach(this::stop);
  }
}
