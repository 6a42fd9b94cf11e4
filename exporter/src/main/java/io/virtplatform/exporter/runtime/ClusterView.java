package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.ApiProbe;
import io.virtplatform.exporter.core.cluster.ApiResolver;
import io.virtplatform.exporter.core.cluster.ApiServiceConditions;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.cluster.Resolution;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.cluster.WatchedResources;
import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.compliance.DisabledResources;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.drift.FieldWriters;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.series.ComponentTracker;
import io.virtplatform.exporter.core.series.DependencyTracker;
import io.virtplatform.exporter.core.series.ManagedResourceTracker;
import io.virtplatform.exporter.core.series.ManagedResourceTracker.Judgement;
import io.virtplatform.exporter.core.series.Observation;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's read-only view of the cluster, wired from the core: watch units (golden state,
 * workloads, diagnostics, CRDs and APIServices) feed their events to the trackers, the evaluation
 * queue judges managed objects on the exporter's own threads, and the trackers render series.
 *
 * <p>Three kinds of thread, so that nothing periodic waits on the API server:
 *
 * <ul>
 *   <li>the reconfiguration thread applies configs, asks discovery (every call has a timeout) and
 *       starts and stops watches; the diagnostics' {@code tick} runs there too;
 *   <li>the timer thread, once a second, publishes the watches' state, stamps the evaluation and
 *       decides readiness, without any API call; before the exporter is ready, also as soon as a
 *       watch syncs, discovery answers or the evaluations queued so far are done, so that
 *       readiness does not wait for the next second;
 *   <li>the API probe's thread tells a hung API server from a quiet one.
 * </ul>
 */
public final class ClusterView implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
  private static final Duration API_RECHECK_DEBOUNCE = Duration.ofMillis(200);
  private static final Duration API_RECHECK_PERIOD = Duration.ofMinutes(1);
  /** How soon discovery is asked again after it could not answer for some kind. */
  private static final int TICKS_PER_INCOMPLETE_RECHECK = 5;
  private static final Duration TICK_PERIOD = Duration.ofSeconds(1);
  /** How long {@link #close} waits for the reconfiguration thread before leaving it behind. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final SelfMetrics self;
  private final Clock clock;
  private final ApiResolver resolver;
  private final ApiProbe probe;
  private final Informers informers;
  private final ManagedResourceTracker managed;
  private final ComponentTracker components;
  private final DependencyTracker dependencies;
  private final GoldenWatches golden;
  private final WorkloadWatches workloads;
  private final EvaluationQueue evaluations;
  private final List<Diagnostic> diagnostics;
  private final DisabledResourcesWatch disabledResources;
  private final ScheduledExecutorService reconciler = daemonScheduler("cluster-reconciler");
  private final ScheduledExecutorService timer = daemonScheduler("cluster-timer");
  private final AtomicBoolean apiRecheckPending = new AtomicBoolean();
  private final AtomicInteger appliesPending = new AtomicInteger();
  private final Map<GroupVersionKind, Boolean> lastKnownMissing = new HashMap<>();
  private volatile SharedIndexInformer<GenericKubernetesResource> apiServiceInformer;
  private volatile ExporterConfig config;
  private volatile GoldenState goldenState = GoldenState.empty();
  private volatile boolean ready;
  /** Discovery could not answer for some kind last time: ask again soon, not in a minute. */
  private volatile boolean discoveryIncomplete;
  private int ticksSinceIncomplete;

  /** A cluster view that also runs {@code diagnostics}, which share its informers and threads. */
  public ClusterView(KubernetesClient client, MetricStore store, SelfMetrics self, Clock clock,
      EditWarDetector editWars, List<Diagnostic> diagnostics) {
    this.client = client;
    this.self = self;
    this.clock = clock;
    this.informers = new Informers(self, this::requestReadinessCheck);
    this.resolver = new ApiResolver(client, this::apiServiceAvailable);
    this.probe = new ApiProbe(client);
    // watch event -> queue -> tracker, which reads the watches' stores: a loop of references,
    // closed through observe(), whose field is set before any event can arrive.
    this.managed = new ManagedResourceTracker(store, new ComplianceEvaluator(), editWars,
        new FieldWriters(), this::observe);
    this.evaluations = new EvaluationQueue(managed::evaluate, this::requestReadinessCheck);
    this.golden = new GoldenWatches(client, informers, evaluations::submit);
    this.components = new ComponentTracker(store);
    this.dependencies = new DependencyTracker(store);
    this.workloads = new WorkloadWatches(client, informers, components);
    this.disabledResources = new DisabledResourcesWatch(store, this::disabledResourcesChanged);
    List<Diagnostic> all = new ArrayList<>(diagnostics);
    all.add(disabledResources);
    this.diagnostics = List.copyOf(all);
  }

  /** Starts the API watches and the periodic work. Call {@link #apply} to start the checks. */
  public void start() {
    probe.start();
    reconciler.execute(() -> guarded("starting the API watches", () -> {
      ResourceEventHandler<Object> recheck = EventHandlers.onAny(this::requestApiRecheck);
      SharedIndexInformer<CustomResourceDefinition> crds =
          client.apiextensions().v1().customResourceDefinitions().runnableInformer(0);
      informers.start(WatchedResources.CRDS, "", crds, recheck);
      apiServiceInformer = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
          .withGroup("apiregistration.k8s.io").withVersion("v1").withKind("APIService")
          .withPlural("apiservices").withNamespaced(false).build()).runnableInformer(0);
      informers.start(WatchedResources.API_SERVICES, "", apiServiceInformer, recheck);
      DiagnosticContext context = new DiagnosticContext(client, informers, resolver, clock);
      diagnostics.forEach(d -> d.start(context));
    }));
    reconciler.scheduleWithFixedDelay(() -> guarded("diagnostics", this::tickDiagnostics),
        TICK_PERIOD.toMillis(), TICK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    reconciler.scheduleWithFixedDelay(() -> guarded("API recheck", this::recheckApis),
        API_RECHECK_PERIOD.toMillis(), API_RECHECK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> guarded("periodic evaluation", this::tick),
        TICK_PERIOD.toMillis(), TICK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Applies a (re)loaded config and golden state on the reconfiguration thread: watches follow
   * what the checks now need. Returns at once; the future completes once it is applied.
   */
  public CompletableFuture<Void> apply(ExporterConfig newConfig, GoldenState newGolden) {
    appliesPending.incrementAndGet();
    return CompletableFuture.runAsync(() -> {
      try {
        config = newConfig;
        goldenState = newGolden;
        managed.goldenStateChanged(newGolden);
        components.configure(newConfig.components());
        workloads.follow(ComponentTracker.scopesOf(newConfig.components()));
        // One discovery request per group version for the golden kinds and every check, and
        // one list and watch per resource that several checks start watching.
        resolver.inOneRound(() -> informers.inOneRound(() -> {
          recheckApis();
          // Golden documents may have changed for objects whose watches did not.
          newGolden.objects().forEach(o -> evaluations.submit(o.ref()));
          diagnostics.forEach(d -> d.apply(newConfig));
        }));
      } finally {
        appliesPending.decrementAndGet();
        requestReadinessCheck();
      }
    }, reconciler).whenComplete((done, failure) -> {
      if (failure != null) {
        LOG.error("Applying the configuration failed", failure);
      }
    });
  }

  /**
   * Why the exporter is not ready yet, or empty once the config is applied and every watch it
   * needs has synced or been found unreadable. Once ready it stays ready: a reload or an API
   * outage serves the last state rather than failing the probe.
   */
  public Optional<String> notReadyReason() {
    if (ready) {
      return Optional.empty();
    }
    if (config == null || appliesPending.get() > 0) {
      return Optional.of("configuration not applied yet");
    }
    List<String> pending = new ArrayList<>(informers.pending());
    golden.unresolvedKinds(goldenState).forEach(k -> pending.add("discovery of " + k));
    if (!pending.isEmpty()) {
      return Optional.of("informers not synced: " + String.join(", ", pending));
    }
    return evaluations.idle()
        ? Optional.of("publishing the first evaluation")
        : Optional.of("judging the listed objects");
  }

  /** Every resource currently listed and watched: the fixed ones, diagnostics', golden kinds'. */
  public Set<WatchedResource> watchedResources() {
    Set<WatchedResource> all = new TreeSet<>(WatchedResources.fixed());
    diagnostics.forEach(d -> all.addAll(d.watchedResources()));
    golden.watched().values().forEach(all::addAll);
    return all;
  }

  /** The golden kinds' watched resources per namespace ("" for cluster-wide). */
  public Map<String, Set<WatchedResource>> goldenWatches() {
    return golden.watched();
  }

  /** Calls {@code listener} with every judgement of a readable managed object as it is made. */
  public void onJudgement(Consumer<Judgement> listener) {
    managed.onJudgement(listener);
  }

  /** The latest judgement of every managed resource, for the drift explainer. */
  public List<Judgement> judgements() {
    return managed.judgements();
  }

  /**
   * What is wrong with the HyperConverged CR's disabled-resources annotation, which then disables
   * nothing; empty when it is well-formed or absent.
   */
  public List<String> disabledResourcesProblems() {
    return disabledResources.problems();
  }

  /**
   * Stops everything within a bounded time, whatever the API server does: the threads are
   * interrupted rather than waited for, and informers are stopped from here.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    probe.close();
    reconciler.shutdownNow();
    try {
      if (!reconciler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("The reconfiguration thread did not stop within {}; leaving it behind",
            CLOSE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    diagnostics.forEach(d -> guarded("closing a diagnostic", d::close));
    golden.stopAll();
    informers.stopAll();
    evaluations.close();
  }

  private void disabledResourcesChanged(DisabledResources disabled) {
    managed.disabledResourcesChanged(disabled);
    goldenState.objects().forEach(o -> evaluations.submit(o.ref()));
  }

  private Observation observe(ResourceRef ref) {
    return golden.observe(ref);
  }

  private void requestApiRecheck() {
    if (apiRecheckPending.compareAndSet(false, true)) {
      reconciler.schedule(() -> {
        apiRecheckPending.set(false);
        guarded("API recheck", this::recheckApis);
      }, API_RECHECK_DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Optional<Boolean> apiServiceAvailable(String group, String version) {
    SharedIndexInformer<GenericKubernetesResource> informer = apiServiceInformer;
    if (informer == null) {
      return Optional.empty();
    }
    GenericKubernetesResource svc = informer.getStore().getByKey(version + "." + group);
    return svc == null ? Optional.empty() : Optional.of(ApiServiceConditions.isAvailable(svc));
  }

  /**
   * Resolves every kind the config depends on and every golden-state kind, whatever its group:
   * Kubernetes removes its own versions too. Reports each, and makes the golden watches follow.
   */
  private void recheckApis() {
    if (config == null) {
      return;
    }
    GoldenState current = goldenState;
    Set<GroupVersionKind> checked = new LinkedHashSet<>(config.dependencies());
    checked.addAll(current.kinds());
    Map<GroupVersionKind, Resolution> resolved = resolver.resolveAll(checked);
    lastKnownMissing.keySet().retainAll(checked);
    discoveryIncomplete =
        resolved.values().stream().anyMatch(Resolution.Unknown.class::isInstance);
    resolved.forEach((gvk, answer) -> {
      if (answer instanceof Resolution.Unknown unknown) {
        LOG.warn("Cannot tell whether {} is served, keeping the last known state: {}",
            quote(gvk.toString()), quote(unknown.error()));
      } else {
        lastKnownMissing.put(gvk, answer instanceof Resolution.NotServed);
      }
    });
    // A kind only tombstones name is resolved for their watches but is no dependency: the
    // objects are meant to be gone, and the kind may go with them.
    Set<GroupVersionKind> reported = new LinkedHashSet<>(config.dependencies());
    reported.addAll(current.managedKinds());
    Map<GroupVersionKind, Boolean> report = new HashMap<>(lastKnownMissing);
    report.keySet().retainAll(reported);
    dependencies.report(Map.copyOf(report));
    golden.reconcile(current, resolved);
    requestReadinessCheck();
  }

  private void tickDiagnostics() {
    resolver.inOneRound(() -> informers.inOneRound(() -> diagnostics.forEach(Diagnostic::tick)));
  }

  /** Once a second, no API call: edit wars, watch state, evaluation stamp, readiness. */
  private void tick() {
    managed.endQuietEditWars();
    golden.tick();
    if (discoveryIncomplete && ++ticksSinceIncomplete >= TICKS_PER_INCOMPLETE_RECHECK) {
      ticksSinceIncomplete = 0;
      requestApiRecheck();
    }
    boolean current = informers.publishSyncState(probe.reachable());
    boolean applied = config != null && appliesPending.get() == 0;
    if (applied && current) {
      self.evaluated(clock.instant());
    }
    if (!ready && readyToServe()) {
      becomeReady();
    }
  }

  /**
   * Asks the timer thread to decide readiness now rather than at its next tick; called when a
   * watch syncs, an apply or discovery finishes and the evaluation queue drains.
   */
  private void requestReadinessCheck() {
    if (ready) {
      return;
    }
    try {
      timer.execute(() -> guarded("readiness check", () -> {
        if (!ready && readyToServe()) {
          // The tick's publication, without its per-tick accounting, so that every self series
          // is there at the first 200.
          if (informers.publishSyncStateNow(probe.reachable())) {
            self.evaluated(clock.instant());
          }
          becomeReady();
        }
      }));
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * The config is applied, every watch has synced or is reported unreadable, every golden kind
   * was resolved once, and what the first lists queued has been judged and published.
   */
  private boolean readyToServe() {
    return config != null && appliesPending.get() == 0 && informers.pending().isEmpty()
        && golden.unresolvedKinds(goldenState).isEmpty() && evaluations.idle();
  }

  private void becomeReady() {
    ready = true;
    LOG.info("Ready: the configuration is applied, every watch has synced or is reported"
        + " unreadable, and the listed objects are judged");
  }

  private static void guarded(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed", what, e);
    }
  }

  private static ScheduledExecutorService daemonScheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }
}
