package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.virtplatform.bundle.BundleFacts;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.runtime.GoldenStateRbac;
import io.virtplatform.exporter.runtime.RequiredAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exporter's service account may read exactly what the exporter watches, both ways: the list
 * comes from the exporter's code ({@link RequiredAccess#of}) for the golden state the variant
 * ships, and the grant from the rendered ClusterRoles and Roles bound to the account. Cluster-wide
 * grants must equal what is watched cluster-wide; the Roles of each namespace must equal the
 * golden kinds managed there, and no namespace may hold more. The role of --auth-filter, its
 * only other grant, is checked in DeployAuthTest.
 */
class DeployRbacTest {

  private static final List<String> READ_ONLY = List.of("get", "list", "watch");
  /** Its one non-read grant, for --auth-filter; DeployAuthTest checks it. */
  private static final String WHERE_TO_GRANT = "ClusterRole virt-platform-exporter in"
      + " deploy/base/rbac.yaml for fixed and diagnostic resources; the golden-state RBAC that"
      + " deploy/generate.sh writes from the variant's golden state for its kinds";

  @TempDir
  Path pod;

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void clusterRolesGrantExactlyWhatTheExporterWatchesClusterWide(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    GoldenState golden = ExporterPodFiles.write(rendered, pod).load().goldenState();
    Set<WatchedResource> granted = resources(ExporterGrants.clusterRules(rendered));
    assertSameAccess(variant, "cluster-wide", granted, RequiredAccess.of(golden).clusterWide());
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void rolesGrantExactlyTheGoldenKindsManagedInTheirNamespace(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    GoldenState golden = ExporterPodFiles.write(rendered, pod).load().goldenState();
    Map<String, Set<WatchedResource>> granted = new TreeMap<>();
    ExporterGrants.namespacedRules(rendered).forEach((namespace, rules) ->
        granted.put(namespace, resources(rules)));
    Map<String, Set<WatchedResource>> required = new TreeMap<>(
        RequiredAccess.of(golden).byNamespace());
    assertThat(granted.keySet()).as("namespaces where %s grants the exporter a Role (see %s)",
        variant, WHERE_TO_GRANT).isEqualTo(required.keySet());
    required.forEach((namespace, resources) ->
        assertSameAccess(variant, "namespace " + namespace, granted.get(namespace), resources));
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void everyRuleIsReadOnlyAndNamesItsResources(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    List<PolicyRule> all = new ArrayList<>(ExporterGrants.clusterRules(rendered));
    ExporterGrants.namespacedRules(rendered).values().forEach(all::addAll);
    for (PolicyRule rule : all) {
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

  /** deploy/generate.sh wrote what the exporter's code generates from the committed golden state. */
  @Test
  void theCommittedGoldenStateRbacIsWhatTheGeneratorWrites() throws IOException {
    Path deploy = BundleFacts.repoRoot().resolve("deploy");
    Path openshift = deploy.resolve("overlays/openshift");
    GoldenState base = goldenStateOf(deploy.resolve("base/config/config.yaml"));
    GoldenState overlay = goldenStateOf(openshift.resolve("config/config.yaml"));
    assertThat(body(deploy.resolve("base/golden-state-rbac.yaml")))
        .as("deploy/base/golden-state-rbac.yaml; run deploy/generate.sh")
        .isEqualTo(GoldenStateRbac.resources(base, "virt-platform-exporter"));
    assertThat(body(openshift.resolve("golden-state-rbac.yaml")))
        .as("deploy/overlays/openshift/golden-state-rbac.yaml; run deploy/generate.sh")
        .isEqualTo(GoldenStateRbac.overlayPatch(overlay));
    assertThat(body(openshift.resolve("golden-state-roles.yaml")))
        .as("deploy/overlays/openshift/golden-state-roles.yaml; run deploy/generate.sh")
        .isEqualTo(GoldenStateRbac.roles(overlay, "openshift-cnv"));
  }

  private static GoldenState goldenStateOf(Path config) {
    return ((LoadedConfig) new ConfigLoader().load(config)).goldenState();
  }

  /** The file without its leading comment lines. */
  private static String body(Path file) throws IOException {
    return Files.readAllLines(file).stream().dropWhile(l -> l.startsWith("#"))
        .map(l -> l + "\n").collect(Collectors.joining());
  }

  private static void assertSameAccess(DeployVariant variant, String where,
      Set<WatchedResource> granted, Set<WatchedResource> watched) {
    Set<WatchedResource> missing = new TreeSet<>(watched);
    missing.removeAll(granted);
    Set<WatchedResource> extra = new TreeSet<>(granted);
    extra.removeAll(watched);
    assertThat(missing).as("watched by the exporter (%s) but not granted to it by %s (see %s)",
        where, variant, WHERE_TO_GRANT).isEmpty();
    assertThat(extra).as("granted to the exporter (%s) by %s but never watched by it (see %s)",
        where, variant, WHERE_TO_GRANT).isEmpty();
  }

  private static Set<WatchedResource> resources(List<PolicyRule> rules) {
    Set<WatchedResource> granted = new TreeSet<>();
    rules.forEach(rule -> {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          granted.add(new WatchedResource(group, resource));
        }
      }
    });
    return granted;
  }
}
