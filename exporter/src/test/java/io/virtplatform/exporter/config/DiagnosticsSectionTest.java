package io.virtplatform.exporter.config;

import static io.virtplatform.exporter.config.ConfigLoaderTest.errorLines;
import static io.virtplatform.exporter.config.ConfigLoaderTest.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.DataVolumeSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.LifecycleSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code diagnostics} section of the config file. */
class DiagnosticsSectionTest {

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader();

  private Path config(String text) throws IOException {
    return Files.writeString(dir.resolve("config.yaml"), text);
  }

  @Test
  void readsEverySetting() throws IOException {
    Path file = config("""
        diagnostics:
          webhooks:
            namePatterns: ["*.example.com", "virt-*"]
            labelSelectors:
              - {app.kubernetes.io/part-of: openkruise}
              - {app: cdi, tier: api}
          dataVolumes:
            stuckAfter: 2h
          lifecycle:
            kinds:
              - {group: kubevirt.io, version: v1, kind: VirtualMachine}
              - {group: "", version: v1, kind: Namespace}
            terminatingAfter: 30m
        """);

    DiagnosticsSettings settings = loaded(loader.load(file)).config().diagnostics();

    assertThat(settings).isEqualTo(new DiagnosticsSettings(
        new WebhookSettings(List.of("*.example.com", "virt-*"), List.of(
            Map.of("app.kubernetes.io/part-of", "openkruise"),
            Map.of("app", "cdi", "tier", "api"))),
        new DataVolumeSettings(Duration.ofHours(2)),
        new LifecycleSettings(List.of(
            new GroupVersionKind("kubevirt.io", "v1", "VirtualMachine"),
            new GroupVersionKind("", "v1", "Namespace")), Duration.ofMinutes(30))));
  }

  @Test
  void keysLeftOutKeepTheirDefaultsAndExplicitEmptyListsStayEmpty() throws IOException {
    Path file = config("""
        diagnostics:
          webhooks:
            labelSelectors: [{platform.kubevirt.io/webhook: "true"}]
          lifecycle:
            kinds: []
        """);

    DiagnosticsSettings settings = loaded(loader.load(file)).config().diagnostics();

    assertThat(settings.webhooks().namePatterns())
        .isEqualTo(WebhookSettings.DEFAULT.namePatterns());
    assertThat(settings.webhooks().labelSelectors())
        .containsExactly(Map.of("platform.kubevirt.io/webhook", "true"));
    assertThat(settings.lifecycle().kinds()).isEmpty();
    assertThat(settings.lifecycle().terminatingAfter())
        .isEqualTo(LifecycleSettings.DEFAULT.terminatingAfter());
    assertThat(settings.dataVolumes()).isEqualTo(DataVolumeSettings.DEFAULT);
  }

  @Test
  void reportsEveryBadValueWithItsLine() throws IOException {
    Path file = config("""
        diagnostics:
          webhooks:
            namePatterns: ["*.kubevirt.io", ""]
            labelSelectors:
              - {}
              - app
            matchNames: [x]
          dataVolumes:
            stuckAfter: 1 hour
          lifecycle:
            kinds:
              - {group: kubevirt.io, version: v1, kind: VirtualMachine}
              - {group: kubevirt.io, kind: VirtualMachineInstance}
              - {group: kubevirt.io, version: v1, kind: VirtualMachine}
            terminatingAfter: 0s
          storage: {}
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":3: diagnostics.webhooks.namePatterns[1] must not be empty",
        file + ":5: diagnostics.webhooks.labelSelectors[0] must not be empty",
        file + ":6: diagnostics.webhooks.labelSelectors[1] must be a mapping, found a string",
        file + ":7: diagnostics.webhooks: unknown key 'matchNames'"
            + " (allowed: namePatterns, labelSelectors)",
        file + ":9: diagnostics.dataVolumes.stuckAfter: invalid duration '1 hour'"
            + " (expected a Go-style duration such as 30s, 10m, 1h30m)",
        file + ":13: diagnostics.lifecycle.kinds[1]: missing required key 'version'",
        file + ":14: diagnostics.lifecycle.kinds[2]: duplicate kind kubevirt.io/v1 VirtualMachine"
            + " (first defined at " + file + ":12)",
        file + ":15: diagnostics.lifecycle.terminatingAfter must be positive",
        file + ":16: diagnostics: unknown key 'storage'"
            + " (allowed: webhooks, dataVolumes, lifecycle, operators, compatibility)");
  }

  @Test
  void theSectionMustBeAMapping() throws IOException {
    Path file = config("diagnostics: [webhooks]\n");

    assertThat(errorLines(loader.load(file)))
        .containsExactly(file + ":1: diagnostics must be a mapping, found a list");
  }
}
