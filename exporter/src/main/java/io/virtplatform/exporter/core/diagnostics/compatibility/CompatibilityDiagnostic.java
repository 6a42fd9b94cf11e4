package io.virtplatform.exporter.core.diagnostics.compatibility;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPONENT_COMPATIBLE;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.cluster.WatchedResources;
import io.virtplatform.exporter.core.cluster.WorkloadStatuses;
import io.virtplatform.exporter.core.config.CompatibilityRule;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.health.ComponentHealthEvaluator;
import io.virtplatform.exporter.core.health.ContainerImage;
import io.virtplatform.exporter.core.health.WorkloadHealth;
import io.virtplatform.exporter.core.health.WorkloadStatus;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.SemVer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the versions of configured components against compatibility matrices (CAPMOX document:
 * a CAPMOX controller next to a Cluster API core outside its matrix fails with "missing
 * MachineDeployment strategy" or webhook errors). A component's versions are the tags of the
 * images its workloads run, read from the workload informers the cluster view already runs for
 * component health, with the same workload selection; this check watches nothing of its own.
 */
public final class CompatibilityDiagnostic implements Diagnostic {

  private static final Logger LOG = LoggerFactory.getLogger(CompatibilityDiagnostic.class);

  /** It reads the workloads the cluster view already watches for component health: none more. */
  public static final List<WatchedResource> WATCHES = List.of();

  private final MetricStore store;
  private DiagnosticContext context;
  private List<CompatibilityRule> rules = List.of();
  private Map<String, ComponentSpec> components = Map.of();
  private final Map<String, Boolean> rendered = new HashMap<>();

  public CompatibilityDiagnostic(MetricStore store) {
    this.store = store;
  }

  @Override
  public List<WatchedResource> watchedResources() {
    return WATCHES;
  }

  @Override
  public void start(DiagnosticContext newContext) {
    context = newContext;
  }

  @Override
  public void apply(ExporterConfig config) {
    rules = config.diagnostics().compatibility();
    Map<String, ComponentSpec> byName = new HashMap<>();
    config.components().forEach(c -> byName.put(c.name(), c));
    components = byName;
    for (CompatibilityRule rule : rules) {
      for (String name : List.of(rule.component(), rule.requires())) {
        if (!components.containsKey(name)) {
          LOG.warn("The compatibility rule for {} requiring {} names component {}, which the"
              + " config does not define; the rule is not checked", rule.component(),
              rule.requires(), name);
        }
      }
    }
    evaluate();
  }

  /** Workload changes are few; judging the few rules once a second follows them closely enough. */
  @Override
  public void tick() {
    evaluate();
  }

  private void evaluate() {
    Set<String> wanted = new HashSet<>();
    for (CompatibilityRule rule : rules) {
      String key = rule.component() + "\u0000" + rule.requires();
      Optional<Boolean> verdict = versions(rule.component(), rule.container()).flatMap(versions ->
          versions(rule.requires(), rule.requiresContainer()).flatMap(required ->
              CompatibilityCheck.compatible(rule, versions, required)));
      if (verdict.isEmpty()) {
        continue;
      }
      wanted.add(key);
      if (!verdict.get().equals(rendered.get(key))) {
        store.put(COMPONENT_COMPATIBLE, key, List.of(
            Sample.of(verdict.get() ? 1 : 0, rule.component(), rule.requires())));
        rendered.put(key, verdict.get());
      }
    }
    for (String key : new ArrayList<>(rendered.keySet())) {
      if (!wanted.contains(key)) {
        store.remove(COMPONENT_COMPATIBLE, key);
        rendered.remove(key);
      }
    }
  }

  /**
   * The versions the component's images carry, of every container or of those named
   * {@code container}; empty when the component is not configured or an informer for its
   * workloads has not synced, as its versions are then unknown.
   */
  private Optional<Set<SemVer>> versions(String component, String container) {
    ComponentSpec spec = components.get(component);
    if (spec == null) {
      return Optional.empty();
    }
    List<WorkloadStatus> statuses = new ArrayList<>();
    Set<WorkloadKind> kinds = new LinkedHashSet<>();
    spec.workloads().stream().map(WorkloadSelector::kind).forEach(kinds::add);
    for (WorkloadKind kind : kinds) {
      Optional<TrackedInformer> informer = context.informers()
          .find(WatchedResources.WORKLOADS.get(kind), spec.namespace());
      if (informer.isEmpty() || !informer.get().informer().hasSynced()) {
        return Optional.empty();
      }
      for (Object workload : informer.get().informer().getStore().list()) {
        toStatus(workload).ifPresent(statuses::add);
      }
    }
    Set<SemVer> versions = new HashSet<>();
    for (WorkloadHealth workload : ComponentHealthEvaluator.evaluate(spec, statuses).workloads()) {
      for (ContainerImage image : workload.containers()) {
        if (container.isEmpty() || container.equals(image.container())) {
          SemVer.ofImage(image.image()).ifPresent(versions::add);
        }
      }
    }
    return Optional.of(versions);
  }

  private static Optional<WorkloadStatus> toStatus(Object workload) {
    if (workload instanceof Deployment d) return Optional.of(WorkloadStatuses.of(d));
    if (workload instanceof DaemonSet d) return Optional.of(WorkloadStatuses.of(d));
    if (workload instanceof StatefulSet s) return Optional.of(WorkloadStatuses.of(s));
    return Optional.empty();
  }

  @Override
  public void close() {
    rendered.keySet().forEach(key -> store.remove(COMPONENT_COMPATIBLE, key));
    rendered.clear();
  }
}
