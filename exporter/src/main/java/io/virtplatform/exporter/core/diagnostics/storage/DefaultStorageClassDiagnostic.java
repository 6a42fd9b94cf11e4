package io.virtplatform.exporter.core.diagnostics.storage;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.DEFAULT_STORAGE_CLASSES;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How many StorageClasses are marked as the cluster default and as the default for
 * virtualization (CDI troubleshooting document): a PVC or DataVolume without a class hangs when
 * there is none, and silently lands on the newest one when there are several.
 */
public final class DefaultStorageClassDiagnostic implements Diagnostic {

  static final WatchedResource STORAGE_CLASSES =
      new WatchedResource("storage.k8s.io", "storageclasses");

  /** What Kubernetes's admission plugin reads; the beta form still counts there. */
  static final Set<String> KUBERNETES_ANNOTATIONS = Set.of(
      "storageclass.kubernetes.io/is-default-class",
      "storageclass.beta.kubernetes.io/is-default-class");
  /** What CDI reads for DataVolumes of virtual machine disks. */
  static final String VIRTUALIZATION_ANNOTATION = "storageclass.kubevirt.io/is-default-virt-class";

  private static final String OWNER = "storageclasses";

  /** What this check lists and watches; the deploy ClusterRole must grant it. */
  public static final List<WatchedResource> WATCHES = List.of(STORAGE_CLASSES);

  private final MetricStore store;
  private DiagnosticContext context;
  private SharedIndexInformer<StorageClass> informer;
  private TrackedInformer tracked;

  public DefaultStorageClassDiagnostic(MetricStore store) {
    this.store = store;
  }

  @Override
  public List<WatchedResource> watchedResources() {
    return WATCHES;
  }

  @Override
  public void start(DiagnosticContext context) {
    this.context = context;
    informer = context.client().storage().v1().storageClasses().runnableInformer(0);
    tracked = context.informers().start(STORAGE_CLASSES, "", informer,
        EventHandlers.onAny(this::render), this::render);
  }

  @Override
  public void close() {
    if (context == null) {
      return; // never started, so nothing runs and nothing was rendered
    }
    context.informers().stop(tracked);
    store.remove(DEFAULT_STORAGE_CLASSES, OWNER);
  }

  /** Only a complete list can tell "no default" from "not listed yet". */
  private synchronized void render() {
    if (!informer.hasSynced()) {
      return;
    }
    List<StorageClass> classes = informer.getStore().list();
    long kubernetes = classes.stream()
        .filter(sc -> KUBERNETES_ANNOTATIONS.stream().anyMatch(a -> isTrue(sc, a))).count();
    long virtualization = classes.stream().filter(sc -> isTrue(sc, VIRTUALIZATION_ANNOTATION))
        .count();
    store.put(DEFAULT_STORAGE_CLASSES, OWNER, List.of(
        Sample.of(kubernetes, "kubernetes"), Sample.of(virtualization, "virtualization")));
  }

  /** Both Kubernetes and CDI compare with exactly "true". */
  private static boolean isTrue(StorageClass sc, String annotation) {
    Map<String, String> annotations = sc.getMetadata().getAnnotations();
    return annotations != null && Objects.equals(annotations.get(annotation), "true");
  }
}
