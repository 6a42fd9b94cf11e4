package io.virtplatform.exporter.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renames namespaces where a distribution installs a component somewhere else than upstream, for
 * example KubeVirt in {@code openshift-cnv} instead of {@code kubevirt} on OpenShift. Lets one
 * config and golden state serve several distributions.
 */
record NamespaceOverrides(Map<String, String> renames) {

  static final NamespaceOverrides NONE = new NamespaceOverrides(Map.of());

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  NamespaceOverrides {
    renames = Map.copyOf(renames);
  }

  String apply(String namespace) {
    return renames.getOrDefault(namespace, namespace);
  }

  /** Namespace names are RFC 1123 labels; anything else can never match a live object. */
  static boolean isValidNamespace(String name) {
    return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
  }
}
