package io.virtplatform.exporter.config;

import static io.virtplatform.exporter.config.ConfigLoaderTest.errorLines;
import static io.virtplatform.exporter.config.ConfigLoaderTest.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configs that check-config once accepted although the exporter then misbehaved. */
class ConfigLoopholesTest {

  private final ConfigLoader loader = new ConfigLoader();

  @TempDir Path dir;

  private Path config(String text) throws IOException {
    return Files.writeString(dir.resolve("config.yaml"), text);
  }

  private Path golden(String text) throws IOException {
    Files.createDirectories(dir.resolve("golden"));
    Files.writeString(dir.resolve("config.yaml"), "goldenState: {directories: [golden]}\n");
    return Files.writeString(dir.resolve("golden/objects.yaml"), text);
  }

  /** A section without a value once loaded as "absent" and silently dropped every series. */
  @Test
  void aSectionWithoutAValueIsAnError() throws IOException {
    Path file = config("""
        goldenState:
        namespaceOverrides:
        components:
        dependencies:
        editWar:
          window:
        diagnostics:
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":1: goldenState has no value; give it one or remove the key",
        file + ":2: namespaceOverrides has no value; give it one or remove the key",
        file + ":3: components has no value; give it one or remove the key",
        file + ":4: dependencies has no value; give it one or remove the key",
        file + ":6: editWar.window has no value; give it one or remove the key",
        file + ":7: diagnostics has no value; give it one or remove the key");
  }

  @Test
  void aNestedSectionWithoutAValueIsAnError() throws IOException {
    Path file = config("""
        diagnostics:
          webhooks:
            namePatterns:
          dataVolumes: {stuckAfter: 2h}
          lifecycle:
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":3: diagnostics.webhooks.namePatterns has no value; give it one or remove the key",
        file + ":5: diagnostics.lifecycle has no value; give it one or remove the key");
  }

  /** The reported case: 100000000000000h parsed, then every edit-war transition threw. */
  @Test
  void durationsHaveUpperBounds() throws IOException {
    Path file = config("""
        editWar:
          window: 100000000000000h
        diagnostics:
          dataVolumes: {stuckAfter: 169h}
          lifecycle: {terminatingAfter: 7d}
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":2: editWar.window: 100000000000000h is longer than the maximum of 24h",
        file + ":4: diagnostics.dataVolumes.stuckAfter: 169h is longer than the maximum of 168h",
        file + ":5: diagnostics.lifecycle.terminatingAfter: invalid duration '7d'"
            + " (expected a Go-style duration such as 30s, 10m, 1h30m)");
  }

  @Test
  void durationsAtTheirUpperBoundsAreAccepted() throws IOException {
    Path file = config("""
        editWar: {window: 23h59m60s}
        diagnostics:
          dataVolumes: {stuckAfter: 168h}
          lifecycle: {terminatingAfter: 10080m}
        """);

    LoadedConfig loaded = loaded(loader.load(file));

    assertThat(loaded.config().editWar().window()).isEqualTo(Duration.ofHours(24));
    assertThat(loaded.config().diagnostics().dataVolumes().stuckAfter())
        .isEqualTo(Duration.ofDays(7));
    assertThat(loaded.config().diagnostics().lifecycle().terminatingAfter())
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void nonStringKeysInTheConfigAreErrors() throws IOException {
    Path file = config("""
        components:
          - name: virt-api
            namespace: kubevirt
            workloads:
              - kind: DaemonSet
                matchLabels: {1: a, true: b, "2": c}
        namespaceOverrides: {[a]: b}
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":6: components[0].workloads[0].matchLabels: keys must be strings, found a number",
        file + ":6: components[0].workloads[0].matchLabels: keys must be strings, found a boolean",
        file + ":7: namespaceOverrides: keys must be strings, found a list");
  }

  @Test
  void nonStringKeysInGoldenStateAreErrorsEachWithItsLine() throws IOException {
    Path objects = golden("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: default}
        data:
          1: one
          "2": two
          true: yes
          ~: nothing
          ok: fine
        """);

    assertThat(errorLines(loader.load(dir.resolve("config.yaml")))).containsExactly(
        objects + ":5: keys must be strings, found a number '1' (quote it)",
        objects + ":7: keys must be strings, found a boolean 'true' (quote it)",
        objects + ":8: keys must be strings, found nothing '~' (quote it)");
  }

  @Test
  void goldenNamesAreValidatedAsKubernetesDoes() throws IOException {
    Path objects = golden("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: "virt\\tapi", namespace: kubevirt}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: 1st-service, namespace: kubevirt}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube.virt}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "a/b"}
        ---
        apiVersion: kubevirt.io/v1
        kind: KubeVirt
        metadata: {name: -kubevirt, namespace: kubevirt}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ok, namespace: Default}
        """);

    assertThat(errorLines(loader.load(dir.resolve("config.yaml")))).containsExactly(
        objects + ":3: metadata.name 'virt\\tapi' is not a valid Deployment name (a DNS-1123"
            + " subdomain: lowercase letters, digits, '-' and '.', each dot-separated part"
            + " starting and ending with a letter or digit, at most 253 characters)",
        objects + ":7: metadata.name '1st-service' is not a valid Service name (a DNS-1035"
            + " label: lowercase letters, digits and '-', starting with a letter, ending with a"
            + " letter or digit, at most 63 characters)",
        objects + ":11: 'kube.virt' is not a valid namespace name (lowercase letters, digits"
            + " and '-', starting and ending with a letter or digit, at most 63 characters)",
        objects + ":15: metadata.name 'a/b' is not a valid ClusterRole name (any text except"
            + " '.' and '..' without '/' or '%')",
        objects + ":19: metadata.name '-kubevirt' is not a valid KubeVirt name (a DNS-1123"
            + " subdomain: lowercase letters, digits, '-' and '.', each dot-separated part"
            + " starting and ending with a letter or digit, at most 253 characters)",
        objects + ":23: metadata.namespace: 'Default' is not a valid namespace name (lowercase"
            + " letters, digits and '-', starting and ending with a letter or digit, at most 63"
            + " characters)");
  }

  @Test
  void validNamesOfEachRuleLoad() throws IOException {
    golden("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:kubevirt:view"}
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: {name: v1.subresources.kubevirt.io}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: virt-api, namespace: kubevirt}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kubevirt}
        """);

    assertThat(loaded(loader.load(dir.resolve("config.yaml"))).goldenState().size()).isEqualTo(4);
  }

  /** snakeyaml's own limit: nesting deeper than 50 levels (its message carries no line). */
  @Test
  void aDocumentNestedTooDeepIsAnError() throws IOException {
    Path objects = golden("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: a}\n"
        + "data: " + "[".repeat(60) + "]".repeat(60) + "\n");

    assertThat(errorLines(loader.load(dir.resolve("config.yaml"))))
        .containsExactly(objects + ":1: invalid YAML: Nesting Depth exceeded max 50");
  }

  /** An alias bomb (ten levels of ten aliases, 10^10 elements expanded) stops at 50 aliases. */
  @Test
  void anAliasBombIsAnError() throws IOException {
    StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {name: bomb, namespace: a}\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("l").append(i).append(": &l").append(i).append(" [")
          .append(("*l" + (i - 1) + ", ").repeat(9)).append("*l").append(i - 1).append("]\n");
    }
    Path objects = golden(bomb.toString());

    assertThat(errorLines(loader.load(dir.resolve("config.yaml")))).containsExactly(objects
        + ":1: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50");
  }
}
