package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a rendered variant grants the exporter's ServiceAccount, cluster-wide and per namespace. */
final class ExporterGrants {

  private static final String SERVICE_ACCOUNT = "virt-platform-exporter";
  /** The role of --auth-filter: it creates reviews and reads nothing; DeployAuthTest checks it. */
  static final String AUTH_FILTER_ROLE = "virt-platform-exporter-auth-filter";

  private ExporterGrants() {}

  private static boolean isTheExporter(Subject s, String namespace) {
    return s.getKind().equals("ServiceAccount") && s.getName().equals(SERVICE_ACCOUNT)
        && namespace.equals(s.getNamespace());
  }

  private static String exporterNamespace(RenderedManifests rendered) {
    ServiceAccount account = rendered.one(ServiceAccount.class, SERVICE_ACCOUNT);
    return account.getMetadata().getNamespace();
  }

  /**
   * The rules of every ClusterRole bound cluster-wide to the exporter's account, but the
   * auth-filter role's.
   */
  static List<PolicyRule> clusterRules(RenderedManifests rendered) {
    String namespace = exporterNamespace(rendered);
    List<PolicyRule> rules = new ArrayList<>();
    int bindings = 0;
    for (ClusterRoleBinding binding : rendered.all(ClusterRoleBinding.class)) {
      if (binding.getSubjects().stream().noneMatch(s -> isTheExporter(s, namespace))
          || binding.getRoleRef().getName().equals(AUTH_FILTER_ROLE)) {
        continue;
      }
      bindings++;
      assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
      rules.addAll(rendered.one(ClusterRole.class, binding.getRoleRef().getName()).getRules());
    }
    assertThat(bindings)
        .as("ClusterRoleBindings of ServiceAccount %s/%s", namespace, SERVICE_ACCOUNT)
        .isPositive();
    return rules;
  }

  /** Per namespace, the rules of the Roles bound there to the exporter's account. */
  static Map<String, List<PolicyRule>> namespacedRules(
      RenderedManifests rendered) {
    String namespace = exporterNamespace(rendered);
    Map<String, List<PolicyRule>> rules = new TreeMap<>();
    for (RoleBinding binding : rendered.all(RoleBinding.class)) {
      if (binding.getSubjects().stream().noneMatch(s -> isTheExporter(s, namespace))) {
        continue;
      }
      String where = binding.getMetadata().getNamespace();
      assertThat(binding.getRoleRef().getKind()).as("RoleBinding %s/%s binds a Role", where,
          binding.getMetadata().getName()).isEqualTo("Role");
      Role role = rendered.all(Role.class).stream()
          .filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName())
              && where.equals(r.getMetadata().getNamespace()))
          .findFirst().orElseThrow(() -> new AssertionError("RoleBinding " + where + "/"
              + binding.getMetadata().getName() + " names a Role that is not rendered"));
      rules.computeIfAbsent(where, n -> new ArrayList<>()).addAll(role.getRules());
    }
    return rules;
  }
}
