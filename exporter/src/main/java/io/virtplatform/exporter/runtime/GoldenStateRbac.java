package io.virtplatform.exporter.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.golden.GoldenState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The RBAC objects that let the exporter read its golden state, generated from it (called by
 * {@code deploy/generate.sh}; bundle-tests check the committed files equal this output): a
 * ClusterRole for the cluster-scoped golden kinds, and in every namespace that holds managed
 * objects a Role for the namespaced kinds managed there, each bound to the exporter's
 * ServiceAccount. Managing one ConfigMap thus needs read access to the ConfigMaps of its namespace
 * only, matching what the exporter watches ({@link RequiredAccess}).
 */
public final class GoldenStateRbac {

  public static final String NAME = "virt-platform-exporter-golden-state";
  static final String SERVICE_ACCOUNT = "virt-platform-exporter";
  private static final Map<String, String> LABELS =
      Map.of("app.kubernetes.io/name", "virt-platform-exporter");
  private static final List<String> READ_ONLY = List.of("get", "list", "watch");
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private GoldenStateRbac() {}

  /** The ClusterRole, its binding, and a Role and RoleBinding per namespace. */
  public static String resources(GoldenState golden, String exporterNamespace) {
    RequiredAccess access = RequiredAccess.of(golden);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new ClusterRoleBuilder().withNewMetadata().withName(NAME).withLabels(LABELS)
        .endMetadata().withRules(rules(clusterScopedGoldenKinds(access))).build());
    objects.add(new ClusterRoleBindingBuilder().withNewMetadata().withName(NAME)
        .withLabels(LABELS).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", NAME)
        .withSubjects(exporter(exporterNamespace)).build());
    objects.addAll(roles(access, exporterNamespace));
    return yaml(objects);
  }

  /** Only the Roles and RoleBindings, for an overlay that replaces the base's golden state. */
  public static String roles(GoldenState golden, String exporterNamespace) {
    return yaml(roles(RequiredAccess.of(golden), exporterNamespace));
  }

  /**
   * A patch for an overlay that replaces the base's golden state: the ClusterRole's rules become
   * the overlay's cluster-scoped kinds. (The overlay deletes the base's Roles itself: kustomize
   * cannot read several {@code $patch: delete} documents from one patch file.)
   */
  public static String overlayPatch(GoldenState golden) {
    List<PolicyRule> rules = rules(clusterScopedGoldenKinds(RequiredAccess.of(golden)));
    String patch = yaml(List.of(new ClusterRoleBuilder().withNewMetadata().withName(NAME)
        .endMetadata().withRules(rules).build()));
    // The serializer leaves an empty list out, and a patch without it would keep the base's.
    return rules.isEmpty() ? patch + "rules: []\n" : patch;
  }

  private static Set<WatchedResource> clusterScopedGoldenKinds(RequiredAccess access) {
    Set<WatchedResource> kinds = new TreeSet<>(access.clusterWide());
    kinds.removeAll(RequiredAccess.of(GoldenState.empty()).clusterWide());
    return kinds;
  }

  private static List<HasMetadata> roles(RequiredAccess access, String exporterNamespace) {
    List<HasMetadata> objects = new ArrayList<>();
    access.byNamespace().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      objects.add(new RoleBuilder().withNewMetadata().withName(NAME).withNamespace(e.getKey())
          .withLabels(LABELS).endMetadata().withRules(rules(e.getValue())).build());
      objects.add(new RoleBindingBuilder().withNewMetadata().withName(NAME)
          .withNamespace(e.getKey()).withLabels(LABELS).endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "Role", NAME)
          .withSubjects(exporter(exporterNamespace)).build());
    });
    return objects;
  }

  /** One rule per API group, its resources sorted. */
  private static List<PolicyRule> rules(Set<WatchedResource> resources) {
    Map<String, Set<String>> byGroup = new TreeMap<>();
    resources.forEach(r -> byGroup.computeIfAbsent(r.group(), g -> new TreeSet<>())
        .add(r.resource()));
    List<PolicyRule> rules = new ArrayList<>();
    byGroup.forEach((group, names) -> rules.add(new PolicyRuleBuilder().withApiGroups(group)
        .withResources(List.copyOf(names)).withVerbs(READ_ONLY).build()));
    return rules;
  }

  private static Subject exporter(String namespace) {
    return new SubjectBuilder().withKind("ServiceAccount").withName(SERVICE_ACCOUNT)
        .withNamespace(namespace).build();
  }

  private static String yaml(List<HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata o : objects) {
      String text = YAML.asYaml(o);
      out.append(text.startsWith("---") ? text : "---\n" + text);
    }
    return out.toString();
  }

  /**
   * {@code resources CONFIG NAMESPACE}, {@code roles CONFIG NAMESPACE} or
   * {@code overlay-patch CONFIG -}: prints the generated YAML for the golden state the
   * config file names.
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: GoldenStateRbac resources|roles CONFIG NAMESPACE"
          + " | overlay-patch CONFIG -");
      System.exit(2);
    }
    GoldenState golden = load(args[1]);
    String out = switch (args[0]) {
      case "resources" -> resources(golden, args[2]);
      case "roles" -> roles(golden, args[2]);
      case "overlay-patch" -> overlayPatch(golden);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    };
    System.out.print(out);
  }

  private static GoldenState load(String configFile) {
    LoadResult result = new ConfigLoader().load(Path.of(configFile));
    if (!(result instanceof LoadedConfig loaded)) {
      System.err.println(configFile + ": does not load: " + result);
      System.exit(1);
      throw new IllegalStateException();
    }
    return loaded.goldenState();
  }
}
