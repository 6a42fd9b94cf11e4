package io.virtplatform.exporter.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.cluster.WatchedResources;
import io.virtplatform.exporter.core.cluster.WorkloadStatuses;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.health.WorkloadStatus;
import io.virtplatform.exporter.core.series.ComponentTracker;
import io.virtplatform.exporter.core.series.ComponentTracker.Scope;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The watch units of component health: one per workload kind and component namespace, feeding
 * the {@link ComponentTracker}. Runs on the cluster view's reconfiguration thread.
 */
final class WorkloadWatches {

  private final KubernetesClient client;
  private final Informers informers;
  private final ComponentTracker components;
  private final Map<Scope, TrackedInformer> units = new ConcurrentHashMap<>();

  WorkloadWatches(KubernetesClient client, Informers informers, ComponentTracker components) {
    this.client = client;
    this.informers = informers;
    this.components = components;
  }

  void follow(Set<Scope> wanted) {
    for (Scope scope : new ArrayList<>(units.keySet())) {
      if (!wanted.contains(scope)) {
        informers.stop(units.remove(scope));
        components.scopeStopped(scope);
      }
    }
    for (Scope scope : wanted) {
      units.computeIfAbsent(scope, this::start);
    }
  }

  private TrackedInformer start(Scope scope) {
    WatchedResource resource = WatchedResources.WORKLOADS.get(scope.kind());
    String ns = scope.namespace();
    Runnable onSynced = () -> components.scopeSynced(scope);
    return switch (scope.kind()) {
      case DEPLOYMENT -> informers.start(resource, ns,
          client.apps().deployments().inNamespace(ns).runnableInformer(0),
          handler(WorkloadKind.DEPLOYMENT, WorkloadStatuses::of), onSynced);
      case DAEMON_SET -> informers.start(resource, ns,
          client.apps().daemonSets().inNamespace(ns).runnableInformer(0),
          handler(WorkloadKind.DAEMON_SET, WorkloadStatuses::of), onSynced);
      case STATEFUL_SET -> informers.start(resource, ns,
          client.apps().statefulSets().inNamespace(ns).runnableInformer(0),
          handler(WorkloadKind.STATEFUL_SET, WorkloadStatuses::of), onSynced);
    };
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(
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
}
