package io.virtplatform.exporter.config;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a kind lives in a namespace, for the kinds whose answer is known without asking an API
 * server. Golden state is checked offline, so for any other kind a missing namespace simply means
 * cluster-scoped.
 */
enum KindScope {
  NAMESPACED,
  CLUSTER,
  UNKNOWN;

  private static final Map<String, KindScope> KNOWN = Stream.of(
      scoped(NAMESPACED, "", "ConfigMap", "Secret", "Service", "ServiceAccount",
          "PersistentVolumeClaim", "Pod", "Endpoints", "ResourceQuota", "LimitRange"),
      scoped(NAMESPACED, "apps", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet"),
      scoped(NAMESPACED, "batch", "Job", "CronJob"),
      scoped(NAMESPACED, "rbac.authorization.k8s.io", "Role", "RoleBinding"),
      scoped(NAMESPACED, "networking.k8s.io", "NetworkPolicy", "Ingress"),
      scoped(NAMESPACED, "policy", "PodDisruptionBudget"),
      scoped(NAMESPACED, "autoscaling", "HorizontalPodAutoscaler"),
      scoped(NAMESPACED, "coordination.k8s.io", "Lease"),
      scoped(NAMESPACED, "monitoring.coreos.com", "ServiceMonitor", "PodMonitor", "PrometheusRule"),
      scoped(NAMESPACED, "kubevirt.io", "KubeVirt", "VirtualMachine", "VirtualMachineInstance"),
      scoped(NAMESPACED, "hco.kubevirt.io", "HyperConverged"),
      scoped(NAMESPACED, "cdi.kubevirt.io", "DataVolume"),
      scoped(NAMESPACED, "apps.kruise.io", "CloneSet", "StatefulSet", "DaemonSet"),
      scoped(NAMESPACED, "cluster.x-k8s.io", "Cluster", "Machine", "MachineDeployment"),
      scoped(NAMESPACED, "infrastructure.cluster.x-k8s.io", "ProxmoxCluster", "ProxmoxMachine"),
      scoped(CLUSTER, "", "Namespace", "Node", "PersistentVolume"),
      scoped(CLUSTER, "rbac.authorization.k8s.io", "ClusterRole", "ClusterRoleBinding"),
      scoped(CLUSTER, "apiextensions.k8s.io", "CustomResourceDefinition"),
      scoped(CLUSTER, "storage.k8s.io", "StorageClass", "CSIDriver"),
      scoped(CLUSTER, "admissionregistration.k8s.io",
          "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"),
      scoped(CLUSTER, "scheduling.k8s.io", "PriorityClass"),
      scoped(CLUSTER, "apiregistration.k8s.io", "APIService"),
      scoped(CLUSTER, "cdi.kubevirt.io", "CDI", "CDIConfig", "StorageProfile"),
      scoped(CLUSTER, "apps.kruise.io", "SidecarSet"))
      .flatMap(s -> s)
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  static KindScope of(String group, String kind) {
    return KNOWN.getOrDefault(group + "/" + kind, UNKNOWN);
  }

  private static Stream<Map.Entry<String, KindScope>> scoped(
      KindScope scope, String group, String... kinds) {
    return Stream.of(kinds).map(kind -> Map.entry(group + "/" + kind, scope));
  }
}
