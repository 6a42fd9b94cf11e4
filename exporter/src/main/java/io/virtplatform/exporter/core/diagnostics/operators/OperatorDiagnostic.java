package io.virtplatform.exporter.core.diagnostics.operators;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.virtplatform.exporter.core.cluster.KindPlurals;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.config.OperatorSettings;
import io.virtplatform.exporter.core.diagnostics.ApiChanges;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.diagnostics.KindWatches;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state the platform operators publish on their CRs (kube-api-rewriter and CDI documents):
 * conditions such as Available, Progressing and Degraded, the observed and target versions, and
 * upgrades that do not finish. virt-operator reconciling forever without "All KubeVirt resources
 * are ready" shows as a KubeVirt CR that is not Available; a CDI rolled out at mixed versions as
 * observed and target versions that differ. A kind the cluster does not serve is not watched and
 * has no series; {@code virt_platform_missing_dependency} covers it when it is a dependency.
 */
public final class OperatorDiagnostic implements Diagnostic, KindWatches.Listener {

  /** What the check lists and watches with its default settings. */
  public static final List<WatchedResource> WATCHES =
      KindWatches.resources(OperatorSettings.DEFAULT.kinds(), List.of());

  private final OperatorTracker tracker;
  private volatile OperatorSettings settings = OperatorSettings.DEFAULT;
  private DiagnosticContext context;
  private ApiChanges apiChanges;
  private KindWatches watches;
  private boolean configured;

  public OperatorDiagnostic(MetricStore store) {
    this.tracker = new OperatorTracker(store, OperatorSettings.DEFAULT.upgradeStuckAfter());
  }

  /** The default kinds, so the deploy ClusterRole covers them, and any configured on top. */
  @Override
  public List<WatchedResource> watchedResources() {
    return KindWatches.resources(OperatorSettings.DEFAULT.kinds(), settings.kinds());
  }

  @Override
  public void start(DiagnosticContext newContext) {
    context = newContext;
    apiChanges = ApiChanges.watch(context.informers(), context.clock());
    watches = new KindWatches(context, this);
  }

  @Override
  public void apply(ExporterConfig config) {
    settings = config.diagnostics().operators();
    tracker.configure(settings.upgradeStuckAfter());
    configured = true;
    watches.reconcile(settings.kinds());
    tracker.evaluate(context.clock().instant());
  }

  @Override
  public void tick() {
    if (!configured) {
      return;
    }
    if (apiChanges.recheckDue()) {
      watches.reconcile(settings.kinds());
    }
    tracker.evaluate(context.clock().instant());
  }

  @Override
  public void changed(GroupVersionKind kind, GenericKubernetesResource object) {
    tracker.changed(OperatorStatus.of(kind, object), context.clock().instant());
  }

  @Override
  public void deleted(GroupVersionKind kind, GenericKubernetesResource object) {
    tracker.deleted(new ResourceRef(kind, object.getMetadata().getNamespace(),
        object.getMetadata().getName()));
  }

  @Override
  public void stopped(GroupVersionKind kind) {
    tracker.kindStopped(kind);
  }

  @Override
  public void close() {
    if (context == null) {
      return;
    }
    apiChanges.close();
    watches.close();
    tracker.clear();
  }
}
