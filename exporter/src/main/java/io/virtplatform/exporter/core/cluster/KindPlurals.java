package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.util.Locale;

/**
 * The plural resource name of a kind when no API server is at hand (building RBAC rules, seeding
 * the demo): the client's own model for Kubernetes kinds, else the convention CRDs follow
 * (lower-case kind plus "s", "es" or "ies"). With a cluster, discovery is the authority.
 */
public final class KindPlurals {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KindPlurals() {}

  public static String of(GroupVersionKind gvk) {
    Class<? extends KubernetesResource> type =
        SERIALIZATION.getRegisteredKubernetesResource(gvk.apiVersion(), gvk.kind());
    if (type != null && HasMetadata.class.isAssignableFrom(type)) {
      return HasMetadata.getPlural(type);
    }
    String lower = gvk.kind().toLowerCase(Locale.ROOT);
    if (lower.endsWith("y")) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch")) {
      return lower + "es";
    }
    return lower + "s";
  }
}
