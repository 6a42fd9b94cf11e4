package io.virtplatform.exporter.core.diagnostics.datavolume;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.CDI_SCRATCH_STORAGE_CLASS_MISSING;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.ApiChanges;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.diagnostics.KindWatches;
import io.virtplatform.exporter.core.diagnostics.StoppableHandler;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CDIConfig whose {@code status.scratchSpaceStorageClass} names a StorageClass that no longer
 * exists (CDI document, issue 5): importer pods that need scratch space stay Pending. Active only
 * while the cluster serves CDIConfig; it then watches StorageClasses itself, with its own
 * informer, since a missing class can only be told from a complete list.
 */
public final class ScratchSpaceDiagnostic implements Diagnostic, KindWatches.Listener {

  static final GroupVersionKind CDI_CONFIG =
      new GroupVersionKind("cdi.kubevirt.io", "v1beta1", "CDIConfig");
  static final WatchedResource CDI_CONFIGS = new WatchedResource("cdi.kubevirt.io", "cdiconfigs");
  static final WatchedResource STORAGE_CLASSES =
      new WatchedResource("storage.k8s.io", "storageclasses");
  public static final List<WatchedResource> WATCHES = List.of(CDI_CONFIGS, STORAGE_CLASSES);

  private final MetricStore store;
  /** Per CDIConfig name, the scratch StorageClass its status names ("" for none). */
  private final Map<String, String> scratchClasses = new HashMap<>();
  private DiagnosticContext context;
  private ApiChanges apiChanges;
  private KindWatches configWatch;
  private volatile SharedIndexInformer<StorageClass> classes;
  private TrackedInformer classesTracked;
  private StoppableHandler<StorageClass> classesHandler;
  private boolean configured;

  public ScratchSpaceDiagnostic(MetricStore store) {
    this.store = store;
  }

  @Override
  public List<WatchedResource> watchedResources() {
    return WATCHES;
  }

  @Override
  public void start(DiagnosticContext newContext) {
    context = newContext;
    apiChanges = ApiChanges.watch(context.informers(), context.clock(),
        DataVolumeDiagnostic.API_RECHECK_PERIOD);
    configWatch = new KindWatches(context, this);
  }

  @Override
  public void apply(ExporterConfig config) {
    configured = true;
    recheckApi();
  }

  @Override
  public void tick() {
    if (configured && apiChanges.recheckDue()) {
      recheckApi();
    }
  }

  private void recheckApi() {
    configWatch.reconcile(Set.of(CDI_CONFIG));
    boolean served = configWatch.isWatching(CDI_CONFIG);
    if (served && classes == null) {
      classes = context.client().storage().v1().storageClasses().runnableInformer(0);
      classesHandler = new StoppableHandler<>(EventHandlers.onAny(this::renderAll));
      classesTracked = context.informers().start(STORAGE_CLASSES, "", classes, classesHandler,
          this::renderAll);
    } else if (!served && classes != null) {
      stopClasses();
    }
  }

  private void stopClasses() {
    classesHandler.stop();
    context.informers().stop(classesTracked);
    classes = null;
  }

  @Override
  public synchronized void changed(GroupVersionKind kind, GenericKubernetesResource cdiConfig) {
    String scratch = cdiConfig.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        && status.get("scratchSpaceStorageClass") instanceof String name ? name : "";
    scratchClasses.put(cdiConfig.getMetadata().getName(), scratch);
    render(cdiConfig.getMetadata().getName());
  }

  @Override
  public synchronized void deleted(GroupVersionKind kind, GenericKubernetesResource cdiConfig) {
    scratchClasses.remove(cdiConfig.getMetadata().getName());
    store.remove(CDI_SCRATCH_STORAGE_CLASS_MISSING, cdiConfig.getMetadata().getName());
  }

  @Override
  public synchronized void stopped(GroupVersionKind kind) {
    scratchClasses.keySet().forEach(name -> store.remove(CDI_SCRATCH_STORAGE_CLASS_MISSING, name));
    scratchClasses.clear();
  }

  private synchronized void renderAll() {
    scratchClasses.keySet().forEach(this::render);
  }

  /** Only a complete list of StorageClasses can tell that one is missing. */
  private void render(String config) {
    String scratch = scratchClasses.get(config);
    SharedIndexInformer<StorageClass> informer = classes;
    if (scratch == null || scratch.isEmpty()) {
      store.remove(CDI_SCRATCH_STORAGE_CLASS_MISSING, config);
      return;
    }
    if (informer == null || !informer.hasSynced()) {
      return;
    }
    boolean exists = informer.getStore().getByKey(scratch) != null;
    store.put(CDI_SCRATCH_STORAGE_CLASS_MISSING, config,
        List.of(Sample.of(exists ? 0 : 1, config, scratch)));
  }

  @Override
  public void close() {
    if (context == null) {
      return;
    }
    apiChanges.close();
    configWatch.close();
    if (classes != null) {
      stopClasses();
    }
  }
}
