package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** Reads the Available condition of an APIService, which the client has no typed model for. */
public final class ApiServiceConditions {

  private ApiServiceConditions() {}

  public static boolean isAvailable(GenericKubernetesResource apiService) {
    Object status = apiService.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> statusMap)
        || !(statusMap.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream()
        .filter(c -> c instanceof Map<?, ?>)
        .map(c -> (Map<?, ?>) c)
        .anyMatch(c -> "Available".equals(c.get("type")) && "True".equals(c.get("status")));
  }
}
