package io.virtplatform.exporter.core.diagnostics.datavolume;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.DataVolumeSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.ApiChanges;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.diagnostics.KindWatches;
import io.virtplatform.exporter.core.diagnostics.StoppableHandler;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * DataVolumes and CDI worker pods that do not progress (CDI document): DataVolumes per phase,
 * those not Succeeded within {@code stuckAfter}, imports that a ResourceQuota keeps from starting,
 * and importer, upload and clone pods that are Pending, cannot start their containers or keep
 * restarting. Active only while the cluster serves
 * DataVolumes; without CDI there is nothing to report and nothing is watched.
 */
public final class DataVolumeDiagnostic implements Diagnostic, KindWatches.Listener {

  static final GroupVersionKind DATA_VOLUME =
      new GroupVersionKind("cdi.kubevirt.io", "v1beta1", "DataVolume");
  static final WatchedResource DATA_VOLUMES = new WatchedResource("cdi.kubevirt.io", "datavolumes");
  static final WatchedResource PODS = new WatchedResource("", "pods");
  static final GroupVersionKind CLAIM = new GroupVersionKind("", "v1", "PersistentVolumeClaim");
  static final GroupVersionKind QUOTA = new GroupVersionKind("", "v1", "ResourceQuota");
  static final WatchedResource CLAIMS = new WatchedResource("", "persistentvolumeclaims");
  static final WatchedResource QUOTAS = new WatchedResource("", "resourcequotas");
  /** How often CDI's presence is re-checked when no CRD or APIService change says so. */
  static final Duration API_RECHECK_PERIOD = Duration.ofSeconds(30);

  /** What this check lists and watches; the deploy ClusterRole must grant it. */
  public static final List<WatchedResource> WATCHES = List.of(DATA_VOLUMES, PODS, CLAIMS, QUOTAS);

  private final DataVolumeTracker volumes;
  private final CdiWorkerPodTracker workers;
  private final ImportQuotaTracker quotas;
  private DiagnosticContext context;
  private ApiChanges apiChanges;
  private KindWatches dataVolumeWatch;
  /** PVCs and ResourceQuotas, for imports that the quota keeps from starting; only with CDI. */
  private KindWatches quotaWatches;
  private TrackedInformer podInformer;
  private StoppableHandler<Pod> podHandler;
  private boolean configured;

  public DataVolumeDiagnostic(MetricStore store) {
    this.volumes = new DataVolumeTracker(store, DataVolumeSettings.DEFAULT.stuckAfter());
    this.workers = new CdiWorkerPodTracker(store);
    this.quotas = new ImportQuotaTracker(store);
  }

  @Override
  public List<WatchedResource> watchedResources() {
    return WATCHES;
  }

  @Override
  public void start(DiagnosticContext newContext) {
    context = newContext;
    apiChanges = ApiChanges.watch(context.informers(), context.clock(), API_RECHECK_PERIOD);
    dataVolumeWatch = new KindWatches(context, this);
    quotaWatches = new KindWatches(context, this);
  }

  @Override
  public void apply(ExporterConfig config) {
    volumes.configure(config.diagnostics().dataVolumes().stuckAfter());
    configured = true;
    recheckApi();
    volumes.evaluate(context.clock().instant());
  }

  @Override
  public void tick() {
    if (!configured) {
      return;
    }
    if (apiChanges.recheckDue()) {
      recheckApi();
    }
    volumes.evaluate(context.clock().instant());
  }

  private void recheckApi() {
    dataVolumeWatch.reconcile(Set.of(DATA_VOLUME));
    boolean cdiServed = dataVolumeWatch.isWatching(DATA_VOLUME);
    quotaWatches.reconcile(cdiServed ? Set.of(CLAIM, QUOTA) : Set.of());
    if (cdiServed && podInformer == null) {
      startPodWatch();
    } else if (!cdiServed && podInformer != null) {
      stopPodWatch();
    }
  }

  /** Only CDI's pods: the API server filters on the app label, the tracker on the component. */
  private void startPodWatch() {
    podHandler = new StoppableHandler<>(EventHandlers.of((pod, deleted) -> {
      if (deleted) {
        workers.deleted(pod);
      } else {
        workers.changed(pod);
      }
    }));
    podInformer = context.informers().start(PODS, "", context.client().pods().inAnyNamespace()
        .withLabel(CdiWorkerPod.APP_LABEL, CdiWorkerPod.APP).runnableInformer(0), podHandler);
  }

  private void stopPodWatch() {
    if (podInformer != null) {
      podHandler.stop();
      context.informers().stop(podInformer);
      podInformer = null;
    }
    workers.clear();
  }

  @Override
  public void changed(GroupVersionKind kind, GenericKubernetesResource object) {
    if (kind.equals(CLAIM)) {
      quotas.claimChanged(object, true);
    } else if (kind.equals(QUOTA)) {
      quotas.quotaChanged(object, true);
    } else {
      volumes.changed(object, context.clock().instant());
      quotas.dataVolumeChanged(object);
    }
  }

  @Override
  public void deleted(GroupVersionKind kind, GenericKubernetesResource object) {
    if (kind.equals(CLAIM)) {
      quotas.claimChanged(object, false);
    } else if (kind.equals(QUOTA)) {
      quotas.quotaChanged(object, false);
    } else {
      volumes.deleted(object.getMetadata().getNamespace(), object.getMetadata().getName());
      quotas.dataVolumeDeleted(object);
    }
  }

  @Override
  public void stopped(GroupVersionKind kind) {
    if (kind.equals(DATA_VOLUME)) {
      volumes.clear();
      quotas.clear();
    } else {
      quotas.clearClaimsAndQuotas();
    }
  }

  @Override
  public void close() {
    if (context == null) {
      return;
    }
    apiChanges.close();
    quotaWatches.close();
    dataVolumeWatch.close();
    stopPodWatch();
  }
}
