package io.virtplatform.exporter.config;

import java.util.Map;

/**
 * Renames namespaces where a distribution installs a component somewhere else than upstream, for
 * example KubeVirt in {@code openshift-cnv} instead of {@code kubevirt} on OpenShift. Lets one
 * config and golden state serve several distributions.
 */
record NamespaceOverrides(Map<String, String> renames) {

  static final NamespaceOverrides NONE = new NamespaceOverrides(Map.of());

  NamespaceOverrides {
    renames = Map.copyOf(renames);
  }

  String apply(String namespace) {
    return renames.getOrDefault(namespace, namespace);
  }
}
