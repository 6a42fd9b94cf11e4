package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.DISABLED_RESOURCES_PROBLEMS;
import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.compliance.DisabledResources;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.ApiChanges;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.diagnostics.KindWatches;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@link DisabledResources#ANNOTATION} annotation of the HyperConverged CR(s), the
 * autopilot's root exclusion, and hands the resulting list to the managed-resource tracker. There
 * is normally one HyperConverged CR; should there be more, the lists of all of them apply. While
 * HyperConverged is not served nothing is disabled.
 *
 * <p>A malformed annotation disables nothing, as in the autopilot, and an entry without kind or
 * name or with an invalid pattern is skipped. The problems are logged once each time they change,
 * counted per CR in {@code virt_platform_disabled_resources_problems} and shown by the drift
 * explainer ({@link #problems()}).
 *
 * <p>It runs the cluster view's diagnostic lifecycle (start, apply, tick, close) to share its
 * informers and threads.
 */
final class DisabledResourcesWatch implements Diagnostic, KindWatches.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(DisabledResourcesWatch.class);

  static final GroupVersionKind HYPERCONVERGED =
      new GroupVersionKind("hco.kubevirt.io", "v1beta1", "HyperConverged");

  /** What it lists and watches; the deploy ClusterRole must grant it. */
  static final List<WatchedResource> WATCHES =
      KindWatches.resources(List.of(HYPERCONVERGED), List.of());

  /** A HyperConverged CR, in the order its problems are reported. */
  private record Cr(String namespace, String name) implements Comparable<Cr> {
    @Override
    public int compareTo(Cr other) {
      return Comparator.comparing(Cr::namespace).thenComparing(Cr::name).compare(this, other);
    }

    String key() {
      return namespace + "\u0000" + name;
    }

    @Override
    public String toString() {
      return (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
  }

  private final MetricStore store;
  private final Consumer<DisabledResources> changed;
  /** The annotation of each HyperConverged CR that has one. */
  private final Map<Cr, String> annotations = new TreeMap<>();
  private volatile DisabledResources current = DisabledResources.NONE;
  private ApiChanges apiChanges;
  private KindWatches watches;
  private boolean started;

  /** @param changed receives the combined list each time it changes, on an informer thread */
  DisabledResourcesWatch(MetricStore store, Consumer<DisabledResources> changed) {
    this.store = store;
    this.changed = changed;
  }

  @Override
  public List<WatchedResource> watchedResources() {
    return WATCHES;
  }

  @Override
  public void start(DiagnosticContext context) {
    apiChanges = ApiChanges.watch(context.informers(), context.clock());
    watches = new KindWatches(context, this);
    started = true;
  }

  /**
   * Starts the watch with the configuration, as the diagnostics do, so that readiness waits for
   * it to list; later on, {@link #tick} follows the kind coming and going.
   */
  @Override
  public void apply(ExporterConfig config) {
    tick();
  }

  @Override
  public void tick() {
    if (started && apiChanges.recheckDue()) {
      watches.reconcile(List.of(HYPERCONVERGED));
    }
  }

  /** What is wrong with the annotations now; empty when they are well-formed or absent. */
  List<String> problems() {
    return current.problems();
  }

  @Override
  public void changed(GroupVersionKind kind, GenericKubernetesResource object) {
    Map<String, String> objectAnnotations = object.getMetadata().getAnnotations();
    String value = objectAnnotations == null ? null
        : objectAnnotations.get(DisabledResources.ANNOTATION);
    update(cr(object), value);
  }

  @Override
  public void deleted(GroupVersionKind kind, GenericKubernetesResource object) {
    update(cr(object), null);
  }

  @Override
  public void stopped(GroupVersionKind kind) {
    synchronized (this) {
      annotations.clear();
    }
    publish();
  }

  private void update(Cr key, String value) {
    synchronized (this) {
      // Unchanged when the previous value is the new one: no re-evaluation of the golden state.
      if (Objects.equals(value, value == null ? annotations.remove(key)
          : annotations.put(key, value))) {
        return;
      }
    }
    publish();
  }

  private synchronized void publish() {
    List<DisabledResources.Rule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> rendered = new HashSet<>();
    annotations.forEach((cr, value) -> {
      DisabledResources parsed = DisabledResources.parse(value);
      rules.addAll(parsed.rules());
      parsed.problems().forEach(p -> problems.add("HyperConverged " + cr + ": " + p));
      store.put(DISABLED_RESOURCES_PROBLEMS, cr.key(), List.of(new Sample(
          List.of(HYPERCONVERGED.kind(), cr.name(), cr.namespace()), parsed.problems().size())));
      rendered.add(cr.key());
    });
    store.retainOwners(DISABLED_RESOURCES_PROBLEMS, rendered);
    DisabledResources combined = new DisabledResources(rules, problems);
    if (!combined.problems().equals(current.problems())) {
      combined.problems().forEach(p -> LOG.warn("{}", quote(p)));
    }
    current = combined;
    changed.accept(combined);
  }

  private static Cr cr(GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    return new Cr(namespace == null ? "" : namespace, object.getMetadata().getName());
  }

  @Override
  public void close() {
    if (started) {
      apiChanges.close();
      watches.close();
    }
    store.retainOwners(DISABLED_RESOURCES_PROBLEMS, Set.of());
  }
}
