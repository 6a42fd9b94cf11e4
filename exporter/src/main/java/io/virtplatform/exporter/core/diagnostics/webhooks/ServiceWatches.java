package io.virtplatform.exporter.core.diagnostics.webhooks;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookConfiguration.ServiceTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Services and EndpointSlices of the namespaces that platform webhooks call into, one pair of
 * informers per namespace. Only those few namespaces are watched: EndpointSlices change with every
 * pod that turns ready or unready anywhere in the cluster, and none of that matters here.
 */
final class ServiceWatches {

  static final WatchedResource SERVICES = new WatchedResource("", "services");
  static final WatchedResource ENDPOINT_SLICES =
      new WatchedResource("discovery.k8s.io", "endpointslices");

  private static final String BY_SERVICE = "service";

  /** {@code tracked} is filled once both informers are started. */
  private record Watch(SharedIndexInformer<Service> services,
      SharedIndexInformer<EndpointSlice> slices, List<TrackedInformer> tracked) {

    boolean synced() {
      return services.hasSynced() && slices.hasSynced();
    }
  }

  private final Runnable onChange;
  private final Map<String, Watch> byNamespace = new ConcurrentHashMap<>();

  /** {@code onChange} runs after any Service or EndpointSlice event and when a namespace syncs. */
  ServiceWatches(Runnable onChange) {
    this.onChange = onChange;
  }

  /** Starts watching {@code namespaces} and stops watching all others. */
  void follow(Set<String> namespaces, DiagnosticContext context) {
    for (String namespace : new ArrayList<>(byNamespace.keySet())) {
      if (!namespaces.contains(namespace)) {
        byNamespace.remove(namespace).tracked().forEach(context.informers()::stop);
      }
    }
    for (String namespace : namespaces) {
      if (!byNamespace.containsKey(namespace)) {
        start(namespace, context);
      }
    }
  }

  void stopAll(DiagnosticContext context) {
    follow(Set.of(), context);
  }

  /**
   * Whether {@code target} can take calls (see {@link ServiceEndpoints#ready}); empty until both
   * informers of its namespace have synced, so a restart never reports a webhook as down.
   */
  Optional<Boolean> ready(ServiceTarget target) {
    Watch watch = byNamespace.get(target.namespace());
    if (watch == null || !watch.synced()) {
      return Optional.empty();
    }
    Service service =
        watch.services().getStore().getByKey(target.namespace() + "/" + target.name());
    return ServiceEndpoints.ready(service,
        watch.slices().getIndexer().byIndex(BY_SERVICE, target.name()), target.port());
  }

  /** Registers the watch before starting it: its first events look it up. */
  private void start(String namespace, DiagnosticContext context) {
    SharedIndexInformer<Service> services =
        context.client().services().inNamespace(namespace).runnableInformer(0);
    SharedIndexInformer<EndpointSlice> slices =
        context.client().discovery().v1().endpointSlices().inNamespace(namespace)
            .runnableInformer(0);
    Function<EndpointSlice, List<String>> serviceName = slice -> {
      Map<String, String> labels = slice.getMetadata().getLabels();
      String name = labels == null ? null : labels.get(ServiceEndpoints.SERVICE_NAME_LABEL);
      return name == null ? List.of() : List.of(name);
    };
    slices.addIndexers(Map.of(BY_SERVICE, serviceName));
    Watch watch = new Watch(services, slices, new ArrayList<>());
    byNamespace.put(namespace, watch);
    watch.tracked().add(context.informers().start(SERVICES, namespace, services,
        EventHandlers.onAny(onChange), onChange));
    watch.tracked().add(context.informers().start(ENDPOINT_SLICES, namespace, slices,
        EventHandlers.onAny(onChange), onChange));
  }
}
