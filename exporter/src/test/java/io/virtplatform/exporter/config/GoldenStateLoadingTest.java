package io.virtplatform.exporter.config;

import static io.virtplatform.exporter.config.ConfigLoaderTest.errorLines;
import static io.virtplatform.exporter.config.ConfigLoaderTest.loaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenStateLoadingTest {

  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void loadsEveryDocumentOfEveryYamlFileButHiddenOnes() {
    Path config = Fixtures.config("valid/config.yaml");

    GoldenState golden = loaded(loader.load(config)).goldenState();

    assertThat(golden.objects())
        .extracting(GoldenObject::ref, GoldenObject::source)
        .containsExactlyInAnyOrder(
            tuple(
                new ResourceRef(new GroupVersionKind("kubevirt.io", "v1", "KubeVirt"),
                    "kubevirt", "kubevirt"),
                new SourceLocation(config.resolveSibling("golden/kubevirt/kubevirt.yaml"), 2)),
            tuple(
                new ResourceRef(new GroupVersionKind("storage.k8s.io", "v1", "StorageClass"),
                    "", "local"),
                new SourceLocation(config.resolveSibling("golden/storage.yml"), 2)),
            tuple(
                new ResourceRef(CONFIG_MAP, "cdi", "cdi-settings"),
                new SourceLocation(config.resolveSibling("golden/storage.yml"), 13)),
            tuple(
                new ResourceRef(new GroupVersionKind("example.com", "v1", "Widget"),
                    "", "cluster-wide"),
                new SourceLocation(config.resolveSibling("more/crd-instance.yaml"), 1)));
  }

  @Test
  void keepsTheDocumentAsPlainJavaValuesTypedLikeKubectlWould() {
    GoldenState golden = loaded(loader.load(Fixtures.config("valid/config.yaml"))).goldenState();

    Map<String, Object> kubevirt = golden.get(new ResourceRef(
        new GroupVersionKind("kubevirt.io", "v1", "KubeVirt"), "kubevirt", "kubevirt")).desired();
    assertThat(kubevirt).containsEntry("apiVersion", "kubevirt.io/v1")
        .containsEntry("metadata", Map.of("name", "kubevirt", "namespace", "kubevirt"))
        .containsEntry("spec", Map.of(
            "configuration", Map.of("developerConfiguration",
                Map.of("featureGates", List.of("Snapshot", "HotplugVolumes"))),
            "workloadUpdateStrategy", Map.of(
                "batchEvictionSize", 10, "batchEvictionInterval", "1m")));

    Map<String, Object> settings =
        golden.get(new ResourceRef(CONFIG_MAP, "cdi", "cdi-settings")).desired();
    // Numeric keys become strings, quoted numbers stay strings, dates are not parsed.
    assertThat(settings.get("data"))
        .isEqualTo(Map.of("1", "one", "port", "8443", "created", "2024-01-01"));

    Map<String, Object> storageClass = golden.get(new ResourceRef(
        new GroupVersionKind("storage.k8s.io", "v1", "StorageClass"), "", "local")).desired();
    assertThat(storageClass).containsEntry("allowVolumeExpansion", true);
    // Each read is a copy: a caller changing it cannot change the golden state.
    storageClass.put("provisioner", "other");
    assertThat(golden.get(new ResourceRef(
        new GroupVersionKind("storage.k8s.io", "v1", "StorageClass"), "", "local")).desired())
        .doesNotContainEntry("provisioner", "other");
  }

  @Test
  void reportsEveryGoldenStateErrorWithFileAndLine() {
    Path golden = Fixtures.config("invalid-golden/golden");

    assertThat(errorLines(loader.load(Fixtures.config("invalid-golden/config.yaml"))))
        .containsExactly(
            golden.resolve("a-malformed.yaml") + ":8: invalid YAML: found unexpected end of"
                + " stream (while scanning a quoted scalar started at line 7)",
            golden.resolve("b-missing.yaml") + ":7: missing kind",
            golden.resolve("b-missing.yaml") + ":12: missing metadata.name",
            golden.resolve("b-missing.yaml") + ":17: a golden-state document must be a mapping"
                + " (a Kubernetes object), found a list",
            golden.resolve("c-scope.yaml") + ":1: Service needs-namespace: metadata.namespace"
                + " is required (Service is namespaced)",
            golden.resolve("c-scope.yaml") + ":10: ClusterRole cluster-wide: metadata.namespace"
                + " must not be set (ClusterRole is cluster-scoped)",
            golden.resolve("e-second.yaml") + ":2: duplicate object Deployment kubevirt/virt-api"
                + " (first defined at " + golden.resolve("d-first.yaml") + ":1)");
  }

  @Test
  void manyFilesParsedInParallelStillComeOutInFileOrder(@TempDir Path dir) throws IOException {
    Path golden = Files.createDirectories(dir.resolve("golden"));
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Path file = golden.resolve(String.format("f-%03d.yaml", i));
      String object = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + (i % 150)
          + "\n  namespace: ns\n";
      Files.writeString(file, object + (i % 50 == 0 ? "---\napiVersion: v1\nmetadata:\n"
          + "  name: no-kind\n" : ""));
      if (i >= 150) {
        expected.add(file + ":1: duplicate object ConfigMap ns/cm-" + (i % 150)
            + " (first defined at " + golden.resolve(String.format("f-%03d.yaml", i - 150))
            + ":1)");
      }
      if (i % 50 == 0) {
        expected.add(file + ":7: missing kind");
      }
    }
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "goldenState:\n  directories: [golden]\n");

    assertThat(errorLines(loader.load(config))).containsExactlyElementsOf(expected);
  }

  @Test
  void appliesNamespaceOverridesToNamespacedObjectsAndNamespaces() {
    GoldenState golden =
        loaded(loader.load(Fixtures.config("overrides/config.yaml"))).goldenState();

    assertThat(golden.objects()).extracting(object -> object.ref().toString())
        .containsExactlyInAnyOrder("KubeVirt openshift-cnv/kubevirt", "Namespace openshift-cnv",
            "ConfigMap cdi/untouched", "ClusterRole kubevirt");
    GoldenObject kubevirt = golden.get(new ResourceRef(
        new GroupVersionKind("kubevirt.io", "v1", "KubeVirt"), "openshift-cnv", "kubevirt"));
    assertThat(kubevirt.desired().get("metadata"))
        .isEqualTo(Map.of("name", "kubevirt", "namespace", "openshift-cnv"));
    GoldenObject namespace = golden.get(new ResourceRef(
        new GroupVersionKind("", "v1", "Namespace"), "", "openshift-cnv"));
    assertThat(namespace.desired().get("metadata")).isEqualTo(Map.of("name", "openshift-cnv",
        "labels", Map.of("pod-security.kubernetes.io/enforce", "privileged")));
  }

  @Test
  void objectsThatAnOverrideMovesOntoEachOtherAreDuplicates(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("golden"));
    Path objects = Files.writeString(dir.resolve("golden/objects.yaml"), """
        {apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: kubevirt}}
        ---
        {apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: openshift-cnv}}
        """);
    Path config = Files.writeString(dir.resolve("config.yaml"), """
        goldenState: {directories: [golden]}
        namespaceOverrides: {kubevirt: openshift-cnv}
        """);

    assertThat(errorLines(loader.load(config))).containsExactly(objects
        + ":3: duplicate object ConfigMap openshift-cnv/settings (first defined at " + objects
        + ":1)");
  }

  @Test
  void rejectsDuplicateKeysBadApiVersionsAndNonStringNames(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("golden"));
    Path objects = Files.writeString(dir.resolve("golden/objects.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: twice
          namespace: default
          name: again
        ---
        apiVersion: Apps/V1
        kind: Deployment
        metadata: {name: x, namespace: default}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: 42, namespace: default}
        """);
    Path config =
        Files.writeString(dir.resolve("config.yaml"), "goldenState: {directories: [golden]}\n");

    assertThat(errorLines(loader.load(config))).containsExactly(
        objects + ":6: invalid YAML: found duplicate key name (while constructing a mapping"
            + " started at line 4)",
        objects + ":8: apiVersion 'Apps/V1' is not of the form <version> or <group>/<version>",
        objects + ":14: metadata.name must be a string, found a number");
  }

  @Test
  void rejectsRecursiveAliasesAndUnknownTags(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("golden"));
    Path objects = Files.writeString(dir.resolve("golden/objects.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: loop, namespace: default}
        data: &loop
          self: *loop
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: tagged, namespace: default}
        data: !vault secret/path
        """);
    Path config =
        Files.writeString(dir.resolve("config.yaml"), "goldenState: {directories: [golden]}\n");

    assertThat(errorLines(loader.load(config))).containsExactly(
        objects + ":4: invalid YAML: found an alias to a node that contains it",
        objects + ":10: invalid YAML: could not determine a constructor for the tag !vault");
  }

  @Test
  void resolvesMergeKeys(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("golden"));
    Files.writeString(dir.resolve("golden/objects.yaml"), """
        base: &base {apiVersion: v1, kind: ConfigMap}
        <<: *base
        metadata: {name: merged, namespace: default}
        """);
    Path config =
        Files.writeString(dir.resolve("config.yaml"), "goldenState: {directories: [golden]}\n");

    GoldenState golden = loaded(loader.load(config)).goldenState();

    assertThat(golden.get(new ResourceRef(CONFIG_MAP, "default", "merged")).desired())
        .containsEntry("kind", "ConfigMap")
        .containsKey("base");
  }

  @Test
  void skipsTheConfigFileWhenItSharesAFolderWithTheGoldenState(@TempDir Path dir)
      throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"),
        "goldenState: {directories: [.]}\n");
    Files.writeString(dir.resolve("settings.yaml"),
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: cdi}}\n");

    LoadedConfig loaded = loaded(loader.load(config));

    assertThat(loaded.goldenState().objects()).extracting(object -> object.ref().toString())
        .containsExactly("ConfigMap cdi/settings");
  }

  @Test
  void readsAMountedConfigMapOnceThroughItsSymbolicLinks(@TempDir Path dir) throws IOException {
    // The layout the kubelet gives a ConfigMap volume: real files in a hidden timestamped
    // folder, reached through ..data and one link per key.
    Path mount = Files.createDirectories(dir.resolve("golden"));
    Path version = Files.createDirectories(mount.resolve("..2024_05_01_12_00_00.123"));
    Files.writeString(version.resolve("settings.yaml"),
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: cdi}}\n");
    Files.createSymbolicLink(mount.resolve("..data"), version.getFileName());
    Files.createSymbolicLink(mount.resolve("settings.yaml"), Path.of("..data/settings.yaml"));
    Path config =
        Files.writeString(dir.resolve("config.yaml"), "goldenState: {directories: [golden]}\n");

    GoldenState golden = loaded(loader.load(config)).goldenState();

    assertThat(golden.objects()).extracting(GoldenObject::source)
        .containsExactly(new SourceLocation(mount.resolve("settings.yaml"), 1));
  }

  @Test
  void tombstoneDirectoriesDeclareObjectsThatMustNotExist(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("golden"));
    Files.createDirectories(dir.resolve("retired"));
    Files.writeString(dir.resolve("golden/objects.yaml"),
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: kubevirt}}\n");
    Files.writeString(dir.resolve("retired/old.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: legacy, namespace: kubevirt}
        """);
    Path config = Files.writeString(dir.resolve("config.yaml"), """
        goldenState:
          directories: [golden]
          tombstones: [retired]
        namespaceOverrides: {kubevirt: openshift-cnv}
        """);

    GoldenState golden = loaded(loader.load(config)).goldenState();

    assertThat(golden.get(new ResourceRef(CONFIG_MAP, "openshift-cnv", "legacy")))
        .as("namespace overrides apply to tombstones too")
        .extracting(GoldenObject::tombstone).isEqualTo(true);
    assertThat(golden.get(new ResourceRef(CONFIG_MAP, "openshift-cnv", "settings")).tombstone())
        .isFalse();
    assertThat(golden.kinds()).containsExactly(CONFIG_MAP);
  }

  @Test
  void aTombstoneNamesTheObjectOnlyAndIsNoSecondDeclaration(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("golden"));
    Files.createDirectories(dir.resolve("retired"));
    Path objects = Files.writeString(dir.resolve("golden/objects.yaml"),
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: kubevirt}}\n");
    Path retired = Files.writeString(dir.resolve("retired/old.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: legacy, namespace: kubevirt, labels: {a: b}}
        data: {mode: fast}
        ---
        {apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: kubevirt}}
        """);
    Path config = Files.writeString(dir.resolve("config.yaml"), """
        goldenState:
          directories: [golden]
          tombstones: [retired, missing]
        """);

    // Files in the order they were read, each one's errors top to bottom.
    assertThat(errorLines(loader.load(config))).containsExactly(
        retired + ":1: tombstone ConfigMap kubevirt/legacy must name the object only (apiVersion,"
            + " kind, metadata.name, metadata.namespace), found data, metadata.labels",
        retired + ":6: duplicate object ConfigMap kubevirt/settings (first defined at " + objects
            + ":1)",
        config + ":3: tombstone directory " + dir.resolve("missing") + " does not exist");
  }
}
