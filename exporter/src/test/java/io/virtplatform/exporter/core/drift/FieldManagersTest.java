package io.virtplatform.exporter.core.drift;

import static io.virtplatform.exporter.core.diff.Documents.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The field-manager lookup on managedFields written the way the API server writes them (server-side
 * apply FieldsV1: {@code f:} fields, {@code k:} associative-list keys, {@code v:} set values,
 * leaves {@code {}}, {@code .} for a map or element itself).
 */
class FieldManagersTest {

  /**
   * virt-operator created the Deployment; someone ran {@code kubectl edit} on the sidecar image and
   * a label; two GitOps tools apply the same replicas; the controller manager writes status.
   */
  private static final Map<String, Object> LIVE = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: virt-api
        namespace: kubevirt
        finalizers: [kubevirt.io/protect]
        labels:
          app.kubernetes.io/part-of: kubevirt
          team: storage
          unowned: "yes"
        managedFields:
        - apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:metadata:
              f:finalizers:
                .: {}
                v:"kubevirt.io/protect": {}
              f:labels:
                .: {}
                f:app.kubernetes.io/part-of: {}
            f:spec:
              f:template:
                f:spec:
                  f:containers:
                    k:{"name":"virt-api"}:
                      .: {}
                      f:args: {}
                      f:image: {}
                      f:name: {}
                      f:ports:
                        .: {}
                        k:{"containerPort":8443,"protocol":"TCP"}:
                          .: {}
                          f:containerPort: {}
                          f:name: {}
                          f:protocol: {}
                    k:{"name":"sidecar"}:
                      .: {}
                      f:name: {}
          manager: virt-operator
          operation: Update
          time: "2024-05-01T10:00:00Z"
        - apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:spec:
              f:replicas: {}
          manager: argocd-controller
          operation: Apply
          time: "2024-05-02T12:00:00Z"
        - apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:spec:
              f:replicas: {}
          manager: helm
          operation: Apply
          time: "2024-04-01T08:00:00Z"
        - apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:metadata:
              f:labels:
                f:team: {}
            f:spec:
              f:template:
                f:spec:
                  f:containers:
                    k:{"name":"sidecar"}:
                      f:image: {}
          manager: kubectl-edit
          operation: Update
          time: "2024-05-03T09:30:00Z"
        - apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:status:
              f:replicas: {}
          manager: kube-controller-manager
          operation: Update
          subresource: status
          time: "2024-05-04T00:00:00Z"
      spec:
        replicas: 3
        template:
          spec:
            containers:
            - name: virt-api
              image: quay.io/kubevirt/virt-api:v1.2.0
              args: [--port, "8443"]
              ports:
              - name: https
                containerPort: 8443
                protocol: TCP
            - name: sidecar
              image: sidecar:debug
      status:
        replicas: 3
      """);

  /** The golden document the pointers index into; its containers are in the other order. */
  private static final Map<String, Object> GOLDEN = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: virt-api
        namespace: kubevirt
        finalizers: [kubevirt.io/protect]
        labels:
          app.kubernetes.io/part-of: kubevirt
          team: platform
      spec:
        replicas: 2
        template:
          spec:
            containers:
            - name: sidecar
              image: sidecar:v2
            - name: virt-api
              image: quay.io/kubevirt/virt-api:v1.3.0
              args: [--port, "8444"]
              ports:
              - name: https
                containerPort: 8444
                protocol: TCP
      """);

  static Stream<Arguments> owners() {
    return Stream.of(
        Arguments.of("/metadata/labels/team", "kubectl-edit"),
        Arguments.of("/metadata/labels/app.kubernetes.io~1part-of", "virt-operator"),
        Arguments.of("/metadata/labels/unowned", null),
        Arguments.of("/metadata/finalizers/0", "virt-operator"),
        Arguments.of("/spec/replicas", "argocd-controller"),
        Arguments.of("/spec/template/spec/containers/0/image", "kubectl-edit"),
        Arguments.of("/spec/template/spec/containers/0/name", "virt-operator"),
        Arguments.of("/spec/template/spec/containers/1/image", "virt-operator"),
        Arguments.of("/spec/template/spec/containers/1/args/1", "virt-operator"),
        Arguments.of("/spec/template/spec/containers/1/ports/0/containerPort", "virt-operator"),
        Arguments.of("/status/replicas", "kube-controller-manager"),
        Arguments.of("/spec/template/spec/containers/1/resources", null),
        Arguments.of("/spec/paused", null));
  }

  @ParameterizedTest(name = "{0} last written by {1}")
  @MethodSource("owners")
  void findsTheManagerThatLastWroteTheField(String pointer, String manager) {
    assertThat(FieldManagers.of(LIVE).explain(pointer, GOLDEN).manager()).isEqualTo(manager);
  }

  @Test
  void keyedListElementsAreFoundByKeyNotByGoldenPosition() {
    Map<String, Object> live = yaml("""
        metadata:
          managedFields:
          - manager: a
            operation: Update
            fieldsV1: {f:spec: {f:containers: {'k:{"name":"x"}': {f:image: {}}}}}
          - manager: b
            operation: Update
            fieldsV1: {f:spec: {f:containers: {'k:{"name":"y"}': {f:image: {}}}}}
        spec:
          containers: [{name: y, image: "1"}, {name: x, image: "1"}]
        """);
    Map<String, Object> golden = yaml("""
        spec:
          containers: [{name: x, image: "2"}, {name: y, image: "2"}]
        """);

    FieldManagers managers = FieldManagers.of(live);

    assertThat(managers.explain("/spec/containers/0/image", golden).manager()).isEqualTo("a");
    assertThat(managers.explain("/spec/containers/1/image", golden).manager()).isEqualTo("b");
  }

  @Test
  void listPositionsAreMatchedWithTheIndexForm() {
    Map<String, Object> live = yaml("""
        metadata:
          managedFields:
          - manager: tuner
            operation: Update
            fieldsV1: {f:spec: {f:steps: {'i:1': {f:weight: {}}}}}
        spec:
          steps: [{weight: 1}, {weight: 5}]
        """);
    Map<String, Object> golden = yaml("spec: {steps: [{weight: 1}, {weight: 2}]}");

    FieldManagers managers = FieldManagers.of(live);

    assertThat(managers.explain("/spec/steps/1/weight", golden).manager()).isEqualTo("tuner");
    assertThat(managers.explain("/spec/steps/0/weight", golden).manager()).isNull();
  }

  @Test
  void withoutManagedFieldsNobodyIsNamed() {
    Map<String, Object> live = yaml("spec: {replicas: 3}");

    Map<String, Object> golden = yaml("spec: {replicas: 2}");
    assertThat(FieldManagers.of(live).explain("/spec/replicas", golden).manager()).isNull();
    assertThat(FieldManagers.of(null).explain("/spec/replicas", golden).manager()).isNull();
  }

  @Test
  void anEntryWithoutTimeIsOlderThanAnyTimedOne() {
    Map<String, Object> live = yaml("""
        metadata:
          managedFields:
          - {manager: timed, operation: Apply, time: "2020-01-01T00:00:00Z",
             fieldsV1: {f:spec: {f:replicas: {}}}}
          - {manager: untimed, operation: Apply, fieldsV1: {f:spec: {f:replicas: {}}}}
        spec: {replicas: 3}
        """);

    assertThat(FieldManagers.of(live).explain("/spec/replicas", yaml("spec: {replicas: 2}"))
        .manager()).isEqualTo("timed");
  }

  @Test
  void readsManagedFieldsAsTheWatcherConvertsThemFromTheApiServer() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    GenericKubernetesResource resource = serialization.unmarshal("""
        {"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy",
         "metadata": {"name": "platform-default", "managedFields": [
           {"manager": "virt-platform-autopilot", "operation": "Apply",
            "apiVersion": "migrations.kubevirt.io/v1alpha1", "time": "2024-05-02T08:00:00Z",
            "fieldsType": "FieldsV1",
            "fieldsV1": {"f:spec": {"f:allowAutoConverge": {}, "f:bandwidthPerMigration": {}}}},
           {"manager": "kubectl-edit", "operation": "Update",
            "apiVersion": "migrations.kubevirt.io/v1alpha1", "time": "2024-05-03T09:30:00Z",
            "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:bandwidthPerMigration": {}}}}]},
         "spec": {"allowAutoConverge": true, "bandwidthPerMigration": "64Mi"}}
        """, GenericKubernetesResource.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> live = serialization.convertValue(resource, Map.class);
    Map<String, Object> golden =
        yaml("spec: {allowAutoConverge: false, bandwidthPerMigration: 1Gi}");

    FieldManagers managers = FieldManagers.of(live);

    assertThat(managers.explain("/spec/bandwidthPerMigration", golden).manager())
        .isEqualTo("kubectl-edit");
    assertThat(managers.explain("/spec/allowAutoConverge", golden).manager())
        .isEqualTo("virt-platform-autopilot");
  }
}
