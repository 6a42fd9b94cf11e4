package io.virtplatform.exporter.core.cluster;

import io.virtplatform.exporter.core.model.GroupVersionKind;

/**
 * Tells Kubernetes' own API groups from those installed by CRDs or aggregated API servers. Only
 * the latter can be missing, so only they become {@code virt_platform_missing_dependency} series
 * when the golden state uses them.
 */
public final class BuiltInApis {

  private BuiltInApis() {}

  public static boolean isBuiltIn(GroupVersionKind gvk) {
    String group = gvk.group();
    // "apps", "batch", "policy"... have no dot; "*.k8s.io" are upstream groups, but
    // "cluster.x-k8s.io" (Cluster API) and the Gateway API are installed by CRDs.
    return group.isEmpty()
        || !group.contains(".")
        || (group.endsWith(".k8s.io") && !group.equals("gateway.networking.k8s.io")
            && !group.equals("metrics.k8s.io"));
  }
}
