package io.virtplatform.exporter.core.diagnostics.webhooks;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether a Service can take a webhook call on a port, judged from its EndpointSlices. */
final class ServiceEndpoints {

  /** Label with which Kubernetes ties an EndpointSlice to its Service. */
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private ServiceEndpoints() {}

  /**
   * True when {@code service} exists, exposes {@code port}, and one of {@code slices} (those of the
   * Service) has a ready endpoint for that port. Empty for an ExternalName Service: the API server
   * resolves its DNS name, so endpoints say nothing.
   */
  static Optional<Boolean> ready(Service service, List<EndpointSlice> slices, int port) {
    if (service == null) {
      return Optional.of(false);
    }
    if (service.getSpec() != null && "ExternalName".equals(service.getSpec().getType())) {
      return Optional.empty();
    }
    Optional<String> portName = ports(service).stream()
        .filter(p -> Objects.equals(p.getPort(), port))
        .map(p -> Objects.requireNonNullElse(p.getName(), ""))
        .findFirst();
    return Optional.of(portName.isPresent()
        && slices.stream().anyMatch(s -> servesPort(s, portName.get()) && hasReadyEndpoint(s)));
  }

  private static List<ServicePort> ports(Service service) {
    return service.getSpec() == null || service.getSpec().getPorts() == null
        ? List.of() : service.getSpec().getPorts();
  }

  /** Slices name their ports after the Service's ports; an unnamed port is "". */
  private static boolean servesPort(EndpointSlice slice, String portName) {
    List<EndpointPort> ports = Objects.requireNonNullElse(slice.getPorts(), List.of());
    return ports.stream()
        .anyMatch(p -> Objects.requireNonNullElse(p.getName(), "").equals(portName));
  }

  /** An unset {@code ready} condition means ready, as the EndpointSlice API defines it. */
  private static boolean hasReadyEndpoint(EndpointSlice slice) {
    List<Endpoint> endpoints = Objects.requireNonNullElse(slice.getEndpoints(), List.of());
    return endpoints.stream().anyMatch(e -> e.getConditions() == null
        || e.getConditions().getReady() == null || e.getConditions().getReady());
  }
}
