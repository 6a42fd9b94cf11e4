package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.cluster.WatchedResources;
import io.virtplatform.exporter.core.golden.GoldenState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exporter's service account may read exactly what the exporter watches: the list comes from
 * the exporter's code ({@link WatchedResources#required}) for the golden state the variant ships,
 * and the grant from the rendered ClusterRoles bound to the account. A watch the exporter gains
 * (a new diagnostic, a new golden-state kind) fails here until the ClusterRole grants it. The
 * role of --auth-filter, its only other grant, is checked in DeployAuthTest.
 */
class DeployRbacTest {

  private static final String SERVICE_ACCOUNT = "virt-platform-exporter";
  private static final List<String> READ_ONLY = List.of("get", "list", "watch");
  /** Its one non-read grant, for --auth-filter; DeployAuthTest checks it. */
  static final String AUTH_FILTER_ROLE = "virt-platform-exporter-auth-filter";
  private static final String WHERE_TO_GRANT = "ClusterRole virt-platform-exporter in"
      + " deploy/base/rbac.yaml for fixed and diagnostic resources, ClusterRole"
      + " virt-platform-exporter-golden-state next to the variant's golden state for its kinds";

  @TempDir
  Path pod;

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void clusterRolesGrantExactlyTheResourcesTheExporterWatches(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    GoldenState golden = ExporterPodFiles.write(rendered, pod).load().goldenState();

    Set<WatchedResource> granted = new TreeSet<>();
    rulesOfTheExporter(rendered).forEach(rule -> {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          granted.add(new WatchedResource(group, resource));
        }
      }
    });
    Set<WatchedResource> watched = WatchedResources.required(golden);

    Set<WatchedResource> missing = new TreeSet<>(watched);
    missing.removeAll(granted);
    Set<WatchedResource> extra = new TreeSet<>(granted);
    extra.removeAll(watched);
    assertThat(missing)
        .as("watched by the exporter but not granted to it by %s (see %s)", variant, WHERE_TO_GRANT)
        .isEmpty();
    assertThat(extra)
        .as("granted to the exporter by %s but never watched by it (see %s)", variant,
            WHERE_TO_GRANT)
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void everyRuleIsReadOnlyAndNamesItsResources(DeployVariant variant) {
    for (PolicyRule rule : rulesOfTheExporter(variant.rendered())) {
      assertThat(rule.getVerbs()).as("verbs of %s", rule).containsExactlyElementsOf(READ_ONLY);
      assertThat(rule.getResources()).as("resources of %s", rule)
          .isNotEmpty()
          .doesNotContain("*", "secrets")
          .allSatisfy(r -> assertThat(r).doesNotContain("/"));
      assertThat(rule.getApiGroups()).as("API groups of %s", rule).isNotEmpty().doesNotContain("*");
      assertThat(rule.getResourceNames()).as("resourceNames of %s", rule).isNullOrEmpty();
      assertThat(rule.getNonResourceURLs()).as("nonResourceURLs of %s", rule).isNullOrEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void theExporterHoldsNoRoleBesideTheCheckedClusterRoles(DeployVariant variant) {
    for (RoleBinding binding : variant.rendered().all(RoleBinding.class)) {
      assertThat(binding.getSubjects())
          .as("subjects of RoleBinding %s", binding.getMetadata().getName())
          .noneMatch(s -> s.getKind().equals("ServiceAccount")
              && s.getName().equals(SERVICE_ACCOUNT)
              && variant.namespace().equals(s.getNamespace()));
    }
  }

  /** The rules of every ClusterRole bound to the exporter's account in its rendered namespace. */
  private static List<PolicyRule> rulesOfTheExporter(RenderedManifests rendered) {
    ServiceAccount account = rendered.one(ServiceAccount.class, SERVICE_ACCOUNT);
    String namespace = account.getMetadata().getNamespace();
    List<PolicyRule> rules = new ArrayList<>();
    int bindings = 0;
    for (ClusterRoleBinding binding : rendered.all(ClusterRoleBinding.class)) {
      boolean bindsTheExporter = binding.getSubjects().stream().anyMatch(s ->
          s.getKind().equals("ServiceAccount") && s.getName().equals(SERVICE_ACCOUNT)
              && namespace.equals(s.getNamespace()));
      if (!bindsTheExporter) {
        continue;
      }
      assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
      if (binding.getRoleRef().getName().equals(AUTH_FILTER_ROLE)) {
        continue;
      }
      bindings++;
      rules.addAll(rendered.one(ClusterRole.class, binding.getRoleRef().getName()).getRules());
    }
    assertThat(bindings)
        .as("ClusterRoleBindings of ServiceAccount %s/%s", namespace, SERVICE_ACCOUNT)
        .isPositive();
    return rules;
  }
}
