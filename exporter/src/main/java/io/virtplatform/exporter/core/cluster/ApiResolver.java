package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Finds out whether the API server serves a kind, using per-group-version discovery
 * ({@code /apis/{group}/{version}}) and the {@code {version}.{group}} APIService's Available
 * condition. Kubernetes' own kinds that discovery does not list (some servers, such as test
 * servers, do not serve discovery for them) fall back to the client's built-in model.
 */
public final class ApiResolver {

  private final KubernetesClient client;
  private final BiFunction<String, String, Optional<Boolean>> apiServiceAvailable;

  /**
   * @param apiServiceAvailable (group, version) to the Available condition of its APIService, or
   *     empty when there is no such APIService
   */
  public ApiResolver(
      KubernetesClient client, BiFunction<String, String, Optional<Boolean>> apiServiceAvailable) {
    this.client = client;
    this.apiServiceAvailable = apiServiceAvailable;
  }

  /**
   * Returns the served API, or empty when the kind is missing or unavailable.
   *
   * @throws KubernetesClientException when the API server cannot answer; the caller keeps what it
   *     knew before
   */
  public Optional<ServedApi> resolve(GroupVersionKind gvk) {
    if (apiServiceAvailable.apply(gvk.group(), gvk.version()).orElse(true) == Boolean.FALSE) {
      return Optional.empty();
    }
    Optional<ServedApi> discovered = discover(gvk);
    if (discovered.isPresent() || !BuiltInApis.isBuiltIn(gvk)) {
      return discovered;
    }
    return fromClientModel(gvk);
  }

  private Optional<ServedApi> discover(GroupVersionKind gvk) {
    APIResourceList list;
    try {
      list = client.getApiResources(gvk.apiVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND
          || e.getCode() == HttpURLConnection.HTTP_UNAVAILABLE) {
        return Optional.empty();
      }
      throw e;
    }
    if (list == null || list.getResources() == null) {
      return Optional.empty();
    }
    for (APIResource r : list.getResources()) {
      // Subresources such as "kubevirts/status" repeat the kind; only the resource itself counts.
      if (gvk.kind().equals(r.getKind()) && !r.getName().contains("/")) {
        return Optional.of(new ServedApi(gvk, r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
      }
    }
    return Optional.empty();
  }

  private Optional<ServedApi> fromClientModel(GroupVersionKind gvk) {
    Class<? extends KubernetesResource> type = client.getKubernetesSerialization()
        .getRegisteredKubernetesResource(gvk.apiVersion(), gvk.kind());
    if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
      return Optional.empty();
    }
    return Optional.of(new ServedApi(
        gvk, HasMetadata.getPlural(type), Namespaced.class.isAssignableFrom(type)));
  }
}
