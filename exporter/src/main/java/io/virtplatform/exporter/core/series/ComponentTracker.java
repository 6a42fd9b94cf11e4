package io.virtplatform.exporter.core.series;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPONENT_DESIRED_REPLICAS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPONENT_HEALTH;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPONENT_READY_REPLICAS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPONENT_VERSION_INFO;

import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.health.ComponentHealth;
import io.virtplatform.exporter.core.health.ComponentHealthEvaluator;
import io.virtplatform.exporter.core.health.ContainerImage;
import io.virtplatform.exporter.core.health.WorkloadHealth;
import io.virtplatform.exporter.core.health.WorkloadStatus;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the health series of every configured component up to date as its workloads change. A
 * component is reported only once the informers for all its workload kinds in its namespace have
 * synced, so a restart never reports a healthy component as down.
 */
public final class ComponentTracker {

  private static final List<ExportedMetric> FAMILIES = List.of(
      COMPONENT_HEALTH, COMPONENT_READY_REPLICAS, COMPONENT_DESIRED_REPLICAS,
      COMPONENT_VERSION_INFO);

  /** Where a workload informer looks: one kind in one namespace. */
  public record Scope(WorkloadKind kind, String namespace) {}

  private record WorkloadKey(WorkloadKind kind, String namespace, String name) {}

  private final MetricStore store;
  private List<ComponentSpec> components = List.of();
  private final Map<WorkloadKey, WorkloadStatus> workloads = new HashMap<>();
  private final Set<Scope> syncedScopes = new HashSet<>();

  public ComponentTracker(MetricStore store) {
    this.store = store;
  }

  /** The scopes the informers must cover for {@code specs}. */
  public static Set<Scope> scopesOf(List<ComponentSpec> specs) {
    Set<Scope> scopes = new HashSet<>();
    for (ComponentSpec spec : specs) {
      spec.workloads().forEach(w -> scopes.add(new Scope(w.kind(), spec.namespace())));
    }
    return scopes;
  }

  public synchronized void configure(List<ComponentSpec> newComponents) {
    for (ComponentSpec old : components) {
      if (newComponents.stream().noneMatch(c -> key(c).equals(key(old)))) {
        FAMILIES.forEach(f -> store.remove(f, key(old)));
      }
    }
    components = List.copyOf(newComponents);
    Set<Scope> wanted = scopesOf(components);
    syncedScopes.retainAll(wanted);
    workloads.keySet().removeIf(k -> !wanted.contains(new Scope(k.kind(), k.namespace())));
    components.forEach(this::render);
  }

  public synchronized void scopeSynced(Scope scope) {
    syncedScopes.add(scope);
    renderNamespace(scope.namespace());
  }

  public synchronized void scopeStopped(Scope scope) {
    syncedScopes.remove(scope);
    workloads.keySet().removeIf(k -> k.kind() == scope.kind() && k.namespace().equals(scope.namespace()));
  }

  public synchronized void workloadChanged(WorkloadStatus status) {
    workloads.put(new WorkloadKey(status.kind(), status.namespace(), status.name()), status);
    renderNamespace(status.namespace());
  }

  public synchronized void workloadDeleted(WorkloadKind kind, String namespace, String name) {
    workloads.remove(new WorkloadKey(kind, namespace, name));
    renderNamespace(namespace);
  }

  private void renderNamespace(String namespace) {
    components.stream().filter(c -> c.namespace().equals(namespace)).forEach(this::render);
  }

  private void render(ComponentSpec spec) {
    boolean synced = spec.workloads().stream()
        .allMatch(w -> syncedScopes.contains(new Scope(w.kind(), spec.namespace())));
    if (!synced) {
      return;
    }
    List<WorkloadStatus> inNamespace = workloads.values().stream()
        .filter(w -> w.namespace().equals(spec.namespace())).toList();
    ComponentHealth health = ComponentHealthEvaluator.evaluate(spec, inNamespace);
    String key = key(spec);
    List<Sample> ready = new ArrayList<>();
    List<Sample> desired = new ArrayList<>();
    List<Sample> versions = new ArrayList<>();
    for (WorkloadHealth w : health.workloads()) {
      List<String> labels = List.of(spec.name(), spec.namespace(), w.workload());
      ready.add(new Sample(labels, w.ready()));
      desired.add(new Sample(labels, w.desired()));
      for (ContainerImage c : w.containers()) {
        versions.add(new Sample(
            List.of(spec.name(), spec.namespace(), w.workload(), c.container(), c.image()), 1));
      }
    }
    store.put(COMPONENT_HEALTH, key,
        List.of(new Sample(List.of(spec.name(), spec.namespace()), health.healthy() ? 1 : 0)));
    store.put(COMPONENT_READY_REPLICAS, key, ready);
    store.put(COMPONENT_DESIRED_REPLICAS, key, desired);
    store.put(COMPONENT_VERSION_INFO, key, versions);
  }

  private static String key(ComponentSpec spec) {
    return spec.name() + "\u0000" + spec.namespace();
  }
}
