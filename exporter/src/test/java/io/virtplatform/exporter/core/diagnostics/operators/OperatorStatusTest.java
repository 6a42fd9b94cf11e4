package io.virtplatform.exporter.core.diagnostics.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.virtplatform.exporter.core.diagnostics.operators.OperatorStatus.Condition;
import io.virtplatform.exporter.core.diagnostics.operators.OperatorStatus.Versions;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorStatusTest {

  private static final GroupVersionKind KUBEVIRT = new GroupVersionKind("kubevirt.io", "v1", "KubeVirt");
  private static final GroupVersionKind CDI = new GroupVersionKind("cdi.kubevirt.io", "v1beta1", "CDI");
  private static final GroupVersionKind HCO =
      new GroupVersionKind("hco.kubevirt.io", "v1beta1", "HyperConverged");

  private static GenericKubernetesResource cr(GroupVersionKind kind, Object status) {
    GenericKubernetesResourceBuilder b = new GenericKubernetesResourceBuilder()
        .withApiVersion(kind.apiVersion()).withKind(kind.kind())
        .withNewMetadata().withName("x").withNamespace("ns").endMetadata();
    if (status != null) b.addToAdditionalProperties("status", status);
    return b.build();
  }

  @Test
  void readsKubeVirtsOwnVersionFieldsAndItsConditions() {
    OperatorStatus status = OperatorStatus.of(KUBEVIRT, cr(KUBEVIRT, Map.of(
        "observedKubeVirtVersion", "v1.3.1", "targetKubeVirtVersion", "v1.4.0",
        "operatorVersion", "v1.4.0",
        "conditions", List.of(
            Map.of("type", "Available", "status", "True",
                "lastTransitionTime", "2026-11-30T10:00:00Z"),
            Map.of("type", "Degraded", "status", "maybe"),
            Map.of("status", "True")))));

    assertThat(status.versions()).isEqualTo(new Versions("v1.3.1", "v1.4.0", "v1.4.0"));
    assertThat(status.versions().upgrading()).isTrue();
    assertThat(status.conditions()).as("a status outside True/False/Unknown is Unknown;"
        + " an entry without type is skipped").containsExactly(
        new Condition("Available", "True", Instant.parse("2026-11-30T10:00:00Z")),
        new Condition("Degraded", "Unknown", null));
  }

  @Test
  void cdiAndOtherKindsUseTheLifecycleSdkFields() {
    OperatorStatus status = OperatorStatus.of(CDI, cr(CDI, Map.of(
        "observedVersion", "v1.61.0", "targetVersion", "v1.61.0", "operatorVersion", "v1.61.0")));

    assertThat(status.versions()).isEqualTo(new Versions("v1.61.0", "v1.61.0", "v1.61.0"));
    assertThat(status.versions().upgrading()).isFalse();
  }

  @Test
  void hyperConvergedReportsOnlyTheOperatorEntryOfItsVersionList() {
    OperatorStatus status = OperatorStatus.of(HCO, cr(HCO, Map.of("versions", List.of(
        Map.of("name", "something-else", "version", "9"),
        Map.of("name", "operator", "version", "1.13.0")))));

    assertThat(status.versions()).isEqualTo(new Versions("1.13.0", "", ""));
    assertThat(status.versions().upgrading()).as("no target, so never an upgrade").isFalse();
  }

  @Test
  void aCrWithoutStatusHasNeitherConditionsNorVersions() {
    OperatorStatus status = OperatorStatus.of(KUBEVIRT, cr(KUBEVIRT, null));

    assertThat(status.conditions()).isEmpty();
    assertThat(status.versions().isEmpty()).isTrue();
    assertThat(OperatorStatus.of(CDI, cr(CDI, "not a map")).versions().isEmpty()).isTrue();
  }
}
