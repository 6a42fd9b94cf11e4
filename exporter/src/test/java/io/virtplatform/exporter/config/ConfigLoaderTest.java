package io.virtplatform.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void loadsEveryPartOfAValidConfig() {
    Path file = Fixtures.config("valid/config.yaml");

    ExporterConfig config = loaded(loader.load(file)).config();

    assertThat(config.goldenStateDirectories()).containsExactly(
        file.resolveSibling("golden"), file.resolveSibling("more"));
    assertThat(config.components()).containsExactly(
        new ComponentSpec("virt-api", "kubevirt",
            List.of(WorkloadSelector.byName(WorkloadKind.DEPLOYMENT, "virt-api"))),
        new ComponentSpec("virt-handler", "kubevirt",
            List.of(WorkloadSelector.byLabels(WorkloadKind.DAEMON_SET,
                Map.of("kubevirt.io", "virt-handler")))),
        new ComponentSpec("database", "platform-db",
            List.of(WorkloadSelector.byName(WorkloadKind.STATEFUL_SET, "db"))));
    assertThat(config.dependencies()).containsExactly(
        new GroupVersionKind("kubevirt.io", "v1", "KubeVirt"),
        new GroupVersionKind("", "v1", "ConfigMap"));
    assertThat(config.editWar())
        .isEqualTo(new EditWarSettings(Duration.ofMinutes(90), 4));
  }

  @Test
  void watchesTheConfigFileTheGoldenDirectoriesAndEveryGoldenFile() {
    Path file = Fixtures.config("valid/config.yaml");

    List<Path> watched = loaded(loader.load(file)).watchedFiles();

    assertThat(watched).containsExactlyInAnyOrder(
        file,
        file.resolveSibling("golden"),
        file.resolveSibling("golden/kubevirt/kubevirt.yaml"),
        file.resolveSibling("golden/storage.yml"),
        file.resolveSibling("more"),
        file.resolveSibling("more/crd-instance.yaml"));
  }

  @Test
  void reportsEveryConfigErrorWithItsLineInFileOrder() {
    Path file = Fixtures.config("invalid-config/config.yaml");

    List<String> errors = errorLines(loader.load(file));

    assertThat(errors).containsExactly(
        file + ":2: golden-state directory " + file.resolveSibling("does-not-exist")
            + " does not exist",
        file + ":7: components[0].workloads[0].kind: unknown workload kind 'Pod'"
            + " (expected Deployment, DaemonSet or StatefulSet)",
        file + ":8: components[1].name: duplicate component name 'virt-api'"
            + " (first defined at " + file + ":4)",
        file + ":12: components[2]: missing required key 'namespace'",
        file + ":14: components[2].workloads[0]: set exactly one of name or matchLabels",
        file + ":16: components[3].namespace: 'Kube_Virt' is not a valid namespace name"
            + " (lowercase letters, digits and '-', starting and ending with a letter or digit,"
            + " at most 63 characters)",
        file + ":17: components[3].workloads must not be empty",
        file + ":19: dependencies[0]: missing required key 'version'",
        file + ":20: dependencies[1]: unknown key 'extra' (allowed: group, version, kind)",
        file + ":22: editWar.window: invalid duration '10 minutes'"
            + " (expected a Go-style duration such as 30s, 10m, 1h30m)",
        file + ":23: editWar.minTransitions must be at least 2, found 1",
        file + ":24: unknown top-level key 'alerting'"
            + " (allowed: goldenState, namespaceOverrides, components, dependencies, editWar,"
            + " diagnostics)");
  }

  @Test
  void reportsMalformedYamlAtTheLineWhereParsingFailed() {
    Path file = Fixtures.config("malformed-config/config.yaml");

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":4: invalid YAML: expected <block end>, but found '<block mapping start>'"
            + " (while parsing a block collection started at line 2)");
  }

  @Test
  void appliesNamespaceOverridesToComponents() {
    ExporterConfig config =
        loaded(loader.load(Fixtures.config("overrides/config.yaml"))).config();

    assertThat(config.components())
        .extracting(ComponentSpec::name, ComponentSpec::namespace)
        .containsExactly(
            tuple("virt-api", "openshift-cnv"),
            tuple("cdi-apiserver", "cdi"));
  }

  @Test
  void anEmptyConfigFileMeansDefaultsAndNothingToWatchInTheCluster(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("config.yaml"), "# nothing configured yet\n");

    LoadedConfig loaded = loaded(loader.load(file));

    assertThat(loaded.config().components()).isEmpty();
    assertThat(loaded.config().dependencies()).isEmpty();
    assertThat(loaded.config().goldenStateDirectories()).isEmpty();
    assertThat(loaded.config().editWar()).isEqualTo(EditWarSettings.DEFAULT);
    assertThat(loaded.config().diagnostics()).isEqualTo(DiagnosticsSettings.DEFAULT);
    assertThat(loaded.goldenState().size()).isZero();
  }

  @Test
  void reportsAMissingConfigFileAndStillWatchesItsPath(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    LoadResult result = loader.load(file);

    assertThat(errorLines(result))
        .containsExactly(file + ":1: cannot read config file: no such file");
    assertThat(result.watchedFiles()).containsExactly(file);
  }

  @Test
  void rejectsWrongTypesRepeatedKeysAndSeveralDocuments(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("config.yaml"), """
        components: {name: virt-api}
        dependencies:
          - {group: kubevirt.io, version: v1, kind: [KubeVirt]}
        editWar:
          window: 0s
          minTransitions: six
          window: 5m
        ---
        components: []
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":1: components must be a list, found a mapping",
        file + ":3: dependencies[0].kind must be a string, found a list",
        file + ":5: editWar.window must be positive",
        file + ":6: editWar.minTransitions must be an integer, found a string",
        file + ":7: editWar: duplicate key 'window'",
        file + ":9: the config file must hold a single YAML document");
  }

  @Test
  void relativeGoldenStateDirectoriesResolveAgainstTheConfigFolder(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("conf/golden"));
    Path file = Files.writeString(dir.resolve("conf/config.yaml"),
        "goldenState:\n  directories: [golden, ../conf/golden/]\n");

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":2: goldenState.directories[1]: directory " + dir.resolve("conf/golden")
            + " is already listed at " + file + ":2");
  }

  @Test
  void theBundledDefaultConfigLoadsWithAllThirteenComponents() {
    LoadedConfig loaded = loaded(loader.loadDefault());

    assertThat(loaded.config().components())
        .extracting(ComponentSpec::name)
        .containsExactly("virt-operator", "virt-api", "virt-controller", "virt-handler",
            "cdi-operator", "cdi-apiserver", "cdi-deployment", "cdi-uploadproxy",
            "kruise-controller-manager", "kruise-daemon",
            "capi-controller-manager", "capmox-controller-manager", "virt-platform-autopilot");
    assertThat(loaded.config().components()).allSatisfy(component -> assertThat(
        component.workloads()).extracting(WorkloadSelector::name).containsExactly(
            component.name()));
    assertThat(loaded.config().dependencies()).hasSize(11)
        .contains(new GroupVersionKind("kubevirt.io", "v1", "VirtualMachineInstance"),
            new GroupVersionKind("infrastructure.cluster.x-k8s.io", "v1alpha1",
                "ProxmoxMachine"));
    assertThat(loaded.config().goldenStateDirectories()).isEmpty();
    assertThat(loaded.config().editWar()).isEqualTo(EditWarSettings.DEFAULT);
    assertThat(loaded.watchedFiles()).isEmpty();
  }

  static LoadedConfig loaded(LoadResult result) {
    assertThat(result.errors()).isEmpty();
    return (LoadedConfig) result;
  }

  static List<String> errorLines(LoadResult result) {
    assertThat(result).isInstanceOf(LoadFailure.class);
    return result.errors().stream().map(ConfigError::toString).toList();
  }
}
