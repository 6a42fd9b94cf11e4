package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleFactsTest {

  private static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");
  private static final GroupVersionKind PVC =
      new GroupVersionKind("", "v1", "PersistentVolumeClaim");

  @Test
  void aTerminatingNamespaceIsHeldByTheFinalizerInItsSpec() {
    GenericKubernetesResource ns = new GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("Namespace")
        .withNewMetadata().withName("cdi").withDeletionTimestamp("2026-01-01T10:00:00Z")
        .withFinalizers("example.com/cleanup").endMetadata()
        .addToAdditionalProperties("spec", Map.of("finalizers", List.of("kubernetes")))
        .build();

    LifecycleFacts facts = LifecycleFacts.of(NAMESPACE, ns);

    assertThat(facts.finalizers()).containsExactly("example.com/cleanup", "kubernetes");
    assertThat(facts.deletionRequested()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(facts.ref().namespace()).isEmpty();
  }

  @Test
  void specFinalizersOfOtherKindsAreNotFinalizers() {
    GenericKubernetesResource pvc = new GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("PersistentVolumeClaim")
        .withNewMetadata().withName("disk").withNamespace("vms").endMetadata()
        .addToAdditionalProperties("spec", Map.of("finalizers", List.of("not-a-finalizer")))
        .build();

    LifecycleFacts facts = LifecycleFacts.of(PVC, pvc);

    assertThat(facts.finalizers()).isEmpty();
    assertThat(facts.deletionRequested()).isNull();
  }

  @Test
  void everyOwnerReferenceKeepsItsTypeAndUid() {
    GenericKubernetesResource pvc = new GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("PersistentVolumeClaim")
        .withNewMetadata().withName("disk").withNamespace("vms")
        .addNewOwnerReference().withApiVersion("cdi.kubevirt.io/v1beta1").withKind("DataVolume")
        .withName("a").withUid("1").endOwnerReference()
        .addNewOwnerReference().withApiVersion("cdi.kubevirt.io/v1beta1").withKind("DataVolume")
        .withName("b").withUid("2").endOwnerReference()
        .addNewOwnerReference().withApiVersion("v1").withKind("Pod")
        .withName("c").withUid("3").endOwnerReference()
        .endMetadata().build();

    GroupVersionKind dataVolume = new GroupVersionKind("cdi.kubevirt.io", "v1beta1", "DataVolume");
    assertThat(LifecycleFacts.of(PVC, pvc).owners()).containsExactly(
        new LifecycleFacts.Owner(dataVolume, Uid.of("1"), true),
        new LifecycleFacts.Owner(dataVolume, Uid.of("2"), true),
        new LifecycleFacts.Owner(new GroupVersionKind("", "v1", "Pod"), Uid.of("3"), true));
  }

  @Test
  void anOwnerApiVersionThatIsNoGroupVersionIsInvalid() {
    for (String apiVersion : List.of("", "/v1", "kubevirt.io/", "kubevirt.io/v1/extra",
        "KubeVirt.io/v1", "kubevirt.io/V1", "kubevirt.io/1v", "kube virt.io/v1",
        "kubevirt.io/v1\nINFO forged", "-kubevirt.io/v1", "kubevirt..io/v1")) {
      assertThat(LifecycleFacts.Owner.of(apiVersion, "VirtualMachine", "u").valid())
          .as(apiVersion).isFalse();
    }
    assertThat(LifecycleFacts.Owner.of("kubevirt.io/v1", " ", "u").valid()).as("blank kind")
        .isFalse();
    for (String apiVersion : List.of("v1", "cdi.kubevirt.io/v1beta1",
        "infrastructure.cluster.x-k8s.io/v1alpha1", "x.virtualization.deckhouse.io/v1")) {
      assertThat(LifecycleFacts.Owner.of(apiVersion, "Kind", "u").valid()).as(apiVersion).isTrue();
    }
  }
}
