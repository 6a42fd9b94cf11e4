package io.virtplatform.exporter.demo;

/** Plausible images for the demo's components, so the version-info panel shows real tags. */
final class DemoImages {

  private DemoImages() {}

  static String imageOf(String workload) {
    if (workload.startsWith("virt-platform-autopilot")) {
      return "quay.io/kubevirt/virt-platform-autopilot:v0.3.0";
    }
    if (workload.startsWith("virt-")) {
      return "quay.io/kubevirt/" + workload + ":v1.4.0";
    }
    if (workload.startsWith("cdi-")) {
      return "quay.io/kubevirt/" + workload + ":v1.61.0";
    }
    if (workload.startsWith("kruise-")) {
      return "openkruise/kruise-manager:v1.7.2";
    }
    if (workload.startsWith("capmox-")) {
      return "ghcr.io/ionos-cloud/cluster-api-provider-proxmox:v0.5.1";
    }
    if (workload.startsWith("capi-")) {
      return "registry.k8s.io/cluster-api/cluster-api-controller:v1.9.4";
    }
    return "registry.example/" + workload + ":latest";
  }
}
