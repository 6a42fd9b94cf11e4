package io.virtplatform.exporter.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds what the operator checks report: a KubeVirt upgrade from {@value #OBSERVED_VERSION} to
 * {@value #TARGET_VERSION} that has not finished for {@link #UPGRADE_AGE}, with the KubeVirt CR not
 * Available (virt-operator reconciling without end, seed 000), and the HyperConverged CR of
 * {@code /demo/cluster/operators.yaml} Degraded because of it.
 */
final class OperatorDemoSeed {

  static final String OBSERVED_VERSION = "v1.3.1";
  /** The version of the demo's virt-* images, see {@link DemoImages}. */
  static final String TARGET_VERSION = "v1.4.0";
  static final Duration UPGRADE_AGE = Duration.ofHours(2);
  private static final String RESOURCE = "/demo/cluster/operators.yaml";

  private final KubernetesClient client;

  OperatorDemoSeed(KubernetesClient client) {
    this.client = client;
  }

  void seed(Instant now) {
    String since = now.truncatedTo(ChronoUnit.SECONDS).minus(UPGRADE_AGE).toString();
    DemoResources.createAll(client, RESOURCE, Map.of("SINCE", since));
    client.genericKubernetesResources("kubevirt.io/v1", "KubeVirt").inAnyNamespace().list()
        .getItems().forEach(kubevirt -> upgrading(kubevirt, since));
  }

  /** Keeps what the CR's status already says (its phase) and adds the upgrade. */
  private void upgrading(GenericKubernetesResource kubevirt, String since) {
    Map<String, Object> status = new HashMap<>();
    if (kubevirt.getAdditionalProperties().get("status") instanceof Map<?, ?> current) {
      current.forEach((k, v) -> status.put(String.valueOf(k), v));
    }
    status.put("observedKubeVirtVersion", OBSERVED_VERSION);
    status.put("targetKubeVirtVersion", TARGET_VERSION);
    status.put("operatorVersion", TARGET_VERSION);
    status.put("conditions", List.of(
        condition("Available", "False", "DeploymentInProgress",
            "Deploying version " + TARGET_VERSION + " with registry quay.io/kubevirt", since),
        condition("Progressing", "True", "DeploymentInProgress",
            "Deploying version " + TARGET_VERSION + " with registry quay.io/kubevirt", since),
        condition("Degraded", "False", "DeploymentInProgress",
            "Deploying version " + TARGET_VERSION + " with registry quay.io/kubevirt", since)));
    kubevirt.getAdditionalProperties().put("status", status);
    client.resource(kubevirt).update();
  }

  private static Map<String, Object> condition(String type, String status, String reason,
      String message, String since) {
    return Map.of("type", type, "status", status, "reason", reason, "message", message,
        "lastTransitionTime", since);
  }
}
