package io.virtplatform.exporter.core.diagnostics.lifecycle;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.virtplatform.exporter.core.cluster.KindPlurals;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.LifecycleSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.ApiChanges;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.diagnostics.KindWatches;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two checks on the objects of the configured kinds (VMs, VMIs, DataVolumes, PVCs, Cluster API
 * Machines, ProxmoxMachines and Namespaces by default), sharing one informer per served kind:
 *
 * <ul>
 *   <li>deletions stuck on finalizers (kube-api-rewriter and CAPMOX documents), see
 *       {@link StuckTerminationTracker};
 *   <li>dangling ownerReferences: to kinds the cluster does not serve (kube-api-rewriter
 *       document), or to owners of the watched kinds that do not exist; see
 *       {@link DanglingOwnerTracker}.
 * </ul>
 */
public final class ObjectLifecycleDiagnostic implements Diagnostic, KindWatches.Listener {

  /** What this check watches with its default settings; the deploy ClusterRole must grant it. */
  public static final List<WatchedResource> WATCHES =
      KindWatches.resources(LifecycleSettings.DEFAULT.kinds(), List.of());

  private final MetricStore store;
  private volatile LifecycleSettings settings = LifecycleSettings.DEFAULT;
  private DiagnosticContext context;
  private ApiChanges apiChanges;
  private KindWatches watches;
  private ServedKinds servedKinds;
  private StuckTerminationTracker terminations;
  private DanglingOwnerTracker owners;
  private boolean configured;

  public ObjectLifecycleDiagnostic(MetricStore store) {
    this.store = store;
  }

  /** The default kinds, so the deploy ClusterRole covers them, and any configured on top. */
  @Override
  public List<WatchedResource> watchedResources() {
    return KindWatches.resources(LifecycleSettings.DEFAULT.kinds(), settings.kinds());
  }

  @Override
  public void start(DiagnosticContext newContext) {
    context = newContext;
    apiChanges = ApiChanges.watch(context.informers(), context.clock());
    servedKinds = new ServedKinds(context.apis(), context.clock());
    terminations = new StuckTerminationTracker(store, settings.terminatingAfter());
    owners = new DanglingOwnerTracker(store, servedKinds::isServed, this::listed);
    watches = new KindWatches(context, this);
  }

  @Override
  public void apply(ExporterConfig config) {
    settings = config.diagnostics().lifecycle();
    terminations.configure(settings.terminatingAfter());
    configured = true;
    recheckApis();
    terminations.evaluate(context.clock().instant());
  }

  /**
   * Whether the watch of an owner kind has listed every object, so that a uid it has not seen
   * does not exist; empty when this check does not watch the kind, or not in a served version.
   * Reads only thread-safe state: it runs on informer threads.
   */
  private Optional<Boolean> listed(DanglingOwnerTracker.GroupKind owner) {
    for (GroupVersionKind kind : settings.kinds()) {
      if (kind.group().equals(owner.group()) && kind.kind().equals(owner.kind())) {
        Optional<Boolean> synced = context.informers()
            .find(new WatchedResource(kind.group(), KindPlurals.of(kind)), "")
            .map(tracked -> tracked.informer().hasSynced());
        if (synced.isPresent()) {
          return synced;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void tick() {
    if (!configured) {
      return;
    }
    if (apiChanges.recheckDue()) {
      recheckApis();
    }
    Instant now = context.clock().instant();
    terminations.evaluate(now);
    owners.evaluate(now);
  }

  private void recheckApis() {
    servedKinds.invalidate();
    watches.reconcile(settings.kinds());
    owners.reevaluate(context.clock().instant());
  }

  @Override
  public void changed(GroupVersionKind kind, GenericKubernetesResource object) {
    LifecycleFacts facts = LifecycleFacts.of(kind, object);
    Instant now = context.clock().instant();
    terminations.changed(facts, now);
    owners.changed(facts, now);
  }

  @Override
  public void deleted(GroupVersionKind kind, GenericKubernetesResource object) {
    var ref = LifecycleFacts.refOf(kind, object);
    terminations.removed(ref);
    owners.removed(ref, context.clock().instant());
  }

  @Override
  public void stopped(GroupVersionKind kind) {
    terminations.kindStopped(kind);
    owners.kindStopped(kind, context.clock().instant());
  }

  @Override
  public void close() {
    if (context == null) {
      return;
    }
    apiChanges.close();
    watches.close();
    terminations.clear();
    owners.clear();
  }
}
