package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.health.WorkloadStatus;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.series.ComponentTracker;
import io.virtplatform.exporter.core.series.ComponentTracker.Scope;
import io.virtplatform.exporter.core.series.DependencyTracker;
import io.virtplatform.exporter.core.series.ManagedResourceTracker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's read-only view of the cluster. It runs the informers the checks need and feeds
 * their events to the trackers that render series:
 *
 * <ul>
 *   <li>CRDs and APIServices, to notice within seconds when an API appears or disappears;
 *   <li>one informer per served golden-state kind, keeping only the managed objects;
 *   <li>one informer per workload kind and component namespace.
 * </ul>
 *
 * <p>All reconfiguration runs on one thread, so informers are never started or stopped
 * concurrently; informer callbacks go straight to the (synchronized) trackers.
 */
public final class ClusterWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);
  private static final Duration API_RECHECK_DEBOUNCE = Duration.ofMillis(200);
  private static final Duration API_RECHECK_PERIOD = Duration.ofMinutes(1);
  private static final Duration TICK_PERIOD = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final ManagedResourceTracker managed;
  private final ComponentTracker components;
  private final DependencyTracker dependencies;
  private final SelfMetrics self;
  private final Clock clock;
  private final ApiResolver resolver;
  private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(
      r -> new Thread(r, "cluster-reconciler"));
  private final AtomicBoolean apiRecheckPending = new AtomicBoolean();

  private final Informers informers;
  private final List<Diagnostic> diagnostics;
  private SharedIndexInformer<GenericKubernetesResource> apiServiceInformer;
  private final Map<GroupVersionKind, GoldenKindInformer> goldenInformers = new ConcurrentHashMap<>();
  private final Map<Scope, TrackedInformer> workloadInformers = new ConcurrentHashMap<>();
  private final Map<GroupVersionKind, Boolean> lastKnownMissing = new HashMap<>();
  private volatile ExporterConfig config;
  private volatile GoldenState golden = GoldenState.empty();

  private record GoldenKindInformer(ServedApi api, Set<String> keys, TrackedInformer tracked) {}

  public ClusterWatcher(KubernetesClient client, ManagedResourceTracker managed,
      ComponentTracker components, DependencyTracker dependencies, SelfMetrics self, Clock clock) {
    this(client, managed, components, dependencies, self, clock, List.of());
  }

  /** A cluster view that also runs {@code diagnostics}, which share its informers and thread. */
  public ClusterWatcher(KubernetesClient client, ManagedResourceTracker managed,
      ComponentTracker components, DependencyTracker dependencies, SelfMetrics self, Clock clock,
      List<Diagnostic> diagnostics) {
    this.client = client;
    this.managed = managed;
    this.components = components;
    this.dependencies = dependencies;
    this.self = self;
    this.clock = clock;
    this.resolver = new ApiResolver(client, this::apiServiceAvailable);
    this.informers = new Informers(self);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Starts the API watches and the periodic work. Call {@link #apply} to start the checks. */
  public void start() {
    onReconciler(() -> {
      ResourceEventHandler<Object> recheck = EventHandlers.onAny(this::requestApiRecheck);
      SharedIndexInformer<CustomResourceDefinition> crds =
          client.apiextensions().v1().customResourceDefinitions().runnableInformer(0);
      informers.start(WatchedResources.CRDS, "", crds, recheck);
      apiServiceInformer = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
          .withGroup("apiregistration.k8s.io").withVersion("v1").withKind("APIService")
          .withPlural("apiservices").withNamespaced(false).build()).runnableInformer(0);
      informers.start(WatchedResources.API_SERVICES, "", apiServiceInformer, recheck);
      DiagnosticContext context =
          new DiagnosticContext(client, informers, resolver, clock);
      diagnostics.forEach(d -> d.start(context));
    });
    reconciler.scheduleWithFixedDelay(this::tick, TICK_PERIOD.toMillis(), TICK_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
    reconciler.scheduleWithFixedDelay(this::recheckApis, API_RECHECK_PERIOD.toMillis(),
        API_RECHECK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Applies a (re)loaded config and golden state: informers follow what the checks now need. */
  public void apply(ExporterConfig newConfig, GoldenState newGolden) {
    onReconciler(() -> {
      config = newConfig;
      golden = newGolden;
      managed.goldenStateChanged(newGolden);
      components.configure(newConfig.components());
      reconcileWorkloadInformers(ComponentTracker.scopesOf(newConfig.components()));
      recheckApis();
      diagnostics.forEach(d -> d.apply(newConfig));
    });
  }

  /** Why the exporter is not ready yet, or empty once every informer has synced. */
  public Optional<String> notReadyReason() {
    if (config == null) {
      return Optional.of("configuration not applied yet");
    }
    List<String> pending = informers.notSynced();
    return pending.isEmpty()
        ? Optional.empty()
        : Optional.of("informers not synced: " + String.join(", ", pending));
  }

  /** Every resource currently listed and watched, the fixed ones and the golden-state kinds. */
  public Set<WatchedResource> watchedResources() {
    Set<WatchedResource> all = new TreeSet<>(WatchedResources.fixed());
    diagnostics.forEach(d -> all.addAll(d.watchedResources()));
    goldenInformers.values().forEach(g -> all.add(g.api().resource()));
    return all;
  }

  @Override
  public void close() {
    onReconciler(() -> {
      diagnostics.forEach(Diagnostic::close);
      informers.stopAll();
      goldenInformers.clear();
      workloadInformers.clear();
    });
    reconciler.shutdownNow();
  }

  private void onReconciler(Runnable action) {
    try {
      reconciler.submit(action).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reconfiguring the cluster view", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("reconfiguring the cluster view failed", e.getCause());
    }
  }

  private void requestApiRecheck() {
    if (apiRecheckPending.compareAndSet(false, true)) {
      reconciler.schedule(() -> {
        apiRecheckPending.set(false);
        recheckApis();
      }, API_RECHECK_DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Optional<Boolean> apiServiceAvailable(String group, String version) {
    if (apiServiceInformer == null) {
      return Optional.empty();
    }
    GenericKubernetesResource svc = apiServiceInformer.getStore().getByKey(version + "." + group);
    return svc == null ? Optional.empty() : Optional.of(ApiServiceConditions.isAvailable(svc));
  }

  /** Resolves every kind the config depends on, reports it, and starts or stops informers. */
  private void recheckApis() {
    if (config == null) {
      return;
    }
    Set<GroupVersionKind> goldenKinds = golden.kinds();
    Set<GroupVersionKind> checked = new LinkedHashSet<>(config.dependencies());
    goldenKinds.stream().filter(g -> !BuiltInApis.isBuiltIn(g)).forEach(checked::add);

    Map<GroupVersionKind, Optional<ServedApi>> resolved = new HashMap<>();
    for (GroupVersionKind gvk : union(checked, goldenKinds)) {
      try {
        resolved.put(gvk, resolver.resolve(gvk));
      } catch (RuntimeException e) {
        LOG.warn("Cannot tell whether {} is served, keeping the last known state: {}", gvk,
            e.getMessage());
      }
    }
    lastKnownMissing.keySet().retainAll(checked);
    for (GroupVersionKind gvk : checked) {
      Optional<ServedApi> api = resolved.get(gvk);
      if (api != null) lastKnownMissing.put(gvk, api.isEmpty());
    }
    dependencies.report(Map.copyOf(lastKnownMissing));

    for (GroupVersionKind gvk : new ArrayList<>(goldenInformers.keySet())) {
      if (!goldenKinds.contains(gvk)) stopGoldenInformer(gvk);
    }
    for (GroupVersionKind gvk : goldenKinds) {
      Optional<ServedApi> api = resolved.get(gvk);
      if (api == null) {
        continue;
      }
      if (api.isPresent()) {
        ensureGoldenInformer(api.get());
      } else {
        stopGoldenInformer(gvk);
        managed.kindUnavailable(gvk);
      }
    }
  }

  private static Set<GroupVersionKind> union(Set<GroupVersionKind> a, Set<GroupVersionKind> b) {
    Set<GroupVersionKind> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  private void ensureGoldenInformer(ServedApi api) {
    Set<ResourceRef> refs = golden.ofKind(api.gvk()).stream().map(GoldenObject::ref)
        .collect(Collectors.toSet());
    Set<String> keys = refs.stream()
        .map(ref -> ManagedObjectsStore.keyOf(ref.namespace(), ref.name()))
        .collect(Collectors.toSet());
    GoldenKindInformer current = goldenInformers.get(api.gvk());
    if (current != null && current.keys().equals(keys) && current.api().equals(api)) {
      return;
    }
    if (current != null) {
      stopGoldenInformer(api.gvk());
    }
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
        .withGroup(api.gvk().group()).withVersion(api.gvk().version()).withKind(api.gvk().kind())
        .withPlural(api.plural()).withNamespaced(api.namespaced()).build();
    var resources = client.genericKubernetesResources(context);
    SharedIndexInformer<GenericKubernetesResource> informer = api.namespaced()
        ? resources.inAnyNamespace().runnableInformer(0)
        : resources.runnableInformer(0);
    informer.itemStore(new ManagedObjectsStore(keys));
    GroupVersionKind gvk = api.gvk();
    managed.kindWatchStarting(gvk);
    ResourceEventHandler<GenericKubernetesResource> handler = EventHandlers.of((obj, deleted) -> {
      ResourceRef ref = new ResourceRef(gvk, obj.getMetadata().getNamespace(),
          obj.getMetadata().getName());
      managed.liveChanged(ref, deleted ? null : asMap(obj));
    });
    TrackedInformer tracked = informers.start(api.resource(), "", informer, handler,
        () -> managed.kindSynced(gvk, refs));
    goldenInformers.put(gvk, new GoldenKindInformer(api, keys, tracked));
    LOG.info("Watching {} ({} managed objects)", api.resource(), keys.size());
  }

  private void stopGoldenInformer(GroupVersionKind gvk) {
    GoldenKindInformer g = goldenInformers.remove(gvk);
    if (g != null) {
      informers.stop(g.tracked());
      LOG.info("Stopped watching {}", g.api().resource());
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(GenericKubernetesResource obj) {
    return client.getKubernetesSerialization().convertValue(obj, Map.class);
  }

  private void reconcileWorkloadInformers(Set<Scope> wanted) {
    for (Scope scope : new ArrayList<>(workloadInformers.keySet())) {
      if (!wanted.contains(scope)) {
        informers.stop(workloadInformers.remove(scope));
        components.scopeStopped(scope);
      }
    }
    for (Scope scope : wanted) {
      workloadInformers.computeIfAbsent(scope, this::startWorkloadInformer);
    }
  }

  private TrackedInformer startWorkloadInformer(Scope scope) {
    WatchedResource resource = WatchedResources.WORKLOADS.get(scope.kind());
    String ns = scope.namespace();
    Runnable onSynced = () -> components.scopeSynced(scope);
    return switch (scope.kind()) {
      case DEPLOYMENT -> informers.start(resource, ns,
          client.apps().deployments().inNamespace(ns).runnableInformer(0),
          workloadHandler(WorkloadKind.DEPLOYMENT, WorkloadStatuses::of), onSynced);
      case DAEMON_SET -> informers.start(resource, ns,
          client.apps().daemonSets().inNamespace(ns).runnableInformer(0),
          workloadHandler(WorkloadKind.DAEMON_SET, WorkloadStatuses::of), onSynced);
      case STATEFUL_SET -> informers.start(resource, ns,
          client.apps().statefulSets().inNamespace(ns).runnableInformer(0),
          workloadHandler(WorkloadKind.STATEFUL_SET, WorkloadStatuses::of), onSynced);
    };
  }

  private <T extends HasMetadata> ResourceEventHandler<T> workloadHandler(
      WorkloadKind kind, Function<T, WorkloadStatus> toStatus) {
    return EventHandlers.of((obj, deleted) -> {
      if (deleted) {
        components.workloadDeleted(kind, obj.getMetadata().getNamespace(),
            obj.getMetadata().getName());
      } else {
        components.workloadChanged(toStatus.apply(obj));
      }
    });
  }

  /** Once a second: end quiet edit wars, publish informer state, stamp a fresh evaluation. */
  private void tick() {
    try {
      managed.endQuietEditWars();
      diagnostics.forEach(Diagnostic::tick);
      boolean allWatching = informers.publishSyncState();
      if (config != null && allWatching) {
        self.evaluated(clock.instant());
      }
    } catch (RuntimeException e) {
      LOG.warn("Periodic evaluation failed", e);
    }
  }
}
