package io.virtplatform.bundle.deploy;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.virtplatform.exporter.runtime.GoldenStateRbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every variant renders with plain {@code kubectl kustomize}, and every object it renders is one
 * the Kubernetes client understands field by field.
 */
class DeployRenderTest {

  /**
   * Kinds the client has no model for, with their API version, checked field by field by their
   * own tests (DeployMonitoringTest, DeployPrometheusRuleTest, DeployAuthTest).
   */
  private static final Map<String, String> KINDS_WITHOUT_MODEL = Map.of(
      "ServiceMonitor", "monitoring.coreos.com/v1",
      "PrometheusRule", "monitoring.coreos.com/v1",
      "Certificate", "cert-manager.io/v1",
      "Issuer", "cert-manager.io/v1");

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void everyObjectDeserializesIntoItsModelWithoutUnknownFields(DeployVariant variant) {
    Map<String, List<String>> unknown = new TreeMap<>();
    for (HasMetadata object : variant.rendered().objects()) {
      String id = object.getKind() + " " + object.getMetadata().getName();
      if (object instanceof GenericKubernetesResource) {
        assertThat(object.getKind()).as("%s has no fabric8 model", id)
            .isIn(KINDS_WITHOUT_MODEL.keySet());
        assertThat(object.getApiVersion()).as(id).isEqualTo(KINDS_WITHOUT_MODEL.get(object.getKind()));
        continue;
      }
      List<String> fields = UnknownModelFields.in(object);
      if (!fields.isEmpty()) {
        unknown.put(id, fields);
      }
    }
    assertThat(unknown).as("fields the Kubernetes API does not know (typo or wrong type?)").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void rendersEveryPartOfTheDeployment(DeployVariant variant) {
    Map<String, Long> kinds = variant.rendered().objects().stream()
        .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
    assertThat(kinds).containsKeys("ServiceAccount", "ClusterRole", "ClusterRoleBinding",
        "Deployment", "Service", "ServiceMonitor", "PrometheusRule", "NetworkPolicy", "ConfigMap");
    assertThat(kinds.get("Deployment")).isEqualTo(1);
  }

  /**
   * The golden-state Roles and their bindings are the exception: they live in the namespaces that
   * hold managed objects (DeployRbacTest checks which).
   */
  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void namespacedObjectsGoToTheVariantsNamespaceAndClusterObjectsToNone(DeployVariant variant) {
    for (HasMetadata object : variant.rendered().objects()) {
      String id = object.getKind() + " " + object.getMetadata().getName();
      if (object.getMetadata().getName().equals(GoldenStateRbac.NAME)
          && (object instanceof Role || object instanceof RoleBinding)) {
        continue;
      }
      boolean namespaced = object instanceof Namespaced
          || KINDS_WITHOUT_MODEL.containsKey(object.getKind());
      assertThat(object.getMetadata().getNamespace())
          .as("namespace of %s", id)
          .isEqualTo(namespaced ? variant.namespace() : null);
    }
  }
}
