package io.virtplatform.exporter.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.virtplatform.exporter.core.health.WorkloadStatus;
import io.virtplatform.exporter.testing.Recordings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollout as {@code kubectl rollout status} judges it, on workloads as a real v1.26 API server
 * stores them (recordings 02, 07, 08, 26): a generation the controller has not observed yet is not
 * rolled out, whatever the replica counts say.
 */
class WorkloadStatusesTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void aFreshlyStoredDeploymentHasAnUnobservedGeneration() {
    // 02 as stored: generation 1, status {} (no controller has written status).
    Map<String, Object> stored = Recordings.stored("02-deployment-zero-values.yaml");
    assertThat(metadata(stored)).containsEntry("generation", 1);
    assertThat(stored.get("status")).isEqualTo(Map.of());
    setReplicas(stored, 2);
    stored.put("status", Map.of("replicas", 2, "readyReplicas", 2, "updatedReplicas", 2));
    WorkloadStatus status = WorkloadStatuses.of(deployment(stored));
    assertThat(status.ready()).isEqualTo(2);
    assertThat(status.generationObserved()).isFalse();
    assertThat(status.healthy()).isFalse();
  }

  @Test
  void aDeploymentIsRolledOutOnceItsControllerObservedTheGeneration() {
    Map<String, Object> stored = Recordings.stored("02-deployment-zero-values.yaml");
    setReplicas(stored, 2);
    stored.put("status", Map.of("observedGeneration", 1, "replicas", 2, "readyReplicas", 2,
        "updatedReplicas", 2));
    assertThat(WorkloadStatuses.of(deployment(stored)).healthy()).isTrue();
  }

  @Test
  void aPatchedDeploymentWaitsForItsControllerToObserveTheNewGeneration() {
    // 26 doc 3: rogue-admin patched replicas to 5, generation went 1 -> 2. The old status still
    // says 5 ready and updated only if the controller had already acted: here it has not.
    Map<String, Object> patched = Recordings.documents("26-ssa-then-patch.yaml").get(2);
    assertThat(metadata(patched)).containsEntry("generation", 2);
    patched.put("status", Map.of("observedGeneration", 1, "replicas", 5, "readyReplicas", 5,
        "updatedReplicas", 5));
    assertThat(WorkloadStatuses.of(deployment(patched)).healthy()).isFalse();
    patched.put("status", Map.of("observedGeneration", 2, "replicas", 5, "readyReplicas", 5,
        "updatedReplicas", 5));
    assertThat(WorkloadStatuses.of(deployment(patched)).healthy()).isTrue();
  }

  @Test
  void aDaemonSetNeedsItsGenerationObserved() {
    Map<String, Object> stored = Recordings.stored("07-daemonset.yaml");
    Map<String, Object> status = new HashMap<>(Map.of("desiredNumberScheduled", 3,
        "numberReady", 3, "updatedNumberScheduled", 3, "currentNumberScheduled", 3));
    stored.put("status", status);
    assertThat(WorkloadStatuses.of(daemonSet(stored)).healthy()).isFalse();
    status.put("observedGeneration", 1);
    assertThat(WorkloadStatuses.of(daemonSet(stored)).healthy()).isTrue();
  }

  @Test
  void aStatefulSetNeedsItsGenerationObserved() {
    // 08 as stored: generation 1, replicas 1, status {replicas: 0, availableReplicas: 0}.
    Map<String, Object> stored = Recordings.stored("08-statefulset.yaml");
    assertThat(WorkloadStatuses.of(statefulSet(stored)).healthy()).isFalse();
    Map<String, Object> status = new HashMap<>(Map.of("replicas", 1, "readyReplicas", 1,
        "updatedReplicas", 1, "availableReplicas", 1));
    stored.put("status", status);
    assertThat(WorkloadStatuses.of(statefulSet(stored)).healthy()).isFalse();
    status.put("observedGeneration", 1);
    assertThat(WorkloadStatuses.of(statefulSet(stored)).healthy()).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> object) {
    return (Map<String, Object>) object.get("metadata");
  }

  @SuppressWarnings("unchecked")
  private static void setReplicas(Map<String, Object> object, int replicas) {
    ((Map<String, Object>) object.get("spec")).put("replicas", replicas);
  }

  private static Deployment deployment(Map<String, Object> object) {
    return SERIALIZATION.convertValue(object, Deployment.class);
  }

  private static DaemonSet daemonSet(Map<String, Object> object) {
    return SERIALIZATION.convertValue(object, DaemonSet.class);
  }

  private static StatefulSet statefulSet(Map<String, Object> object) {
    return SERIALIZATION.convertValue(object, StatefulSet.class);
  }
}
