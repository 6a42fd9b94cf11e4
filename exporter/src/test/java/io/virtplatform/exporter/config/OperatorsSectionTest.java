package io.virtplatform.exporter.config;

import static io.virtplatform.exporter.config.ConfigLoaderTest.errorLines;
import static io.virtplatform.exporter.config.ConfigLoaderTest.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.OperatorSettings;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code diagnostics.operators} section of the config file. */
class OperatorsSectionTest {

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader();

  private Path config(String text) throws IOException {
    return Files.writeString(dir.resolve("config.yaml"), text);
  }

  @Test
  void readsKindsAndUpgradeStuckAfter() throws IOException {
    Path file = config("""
        diagnostics:
          operators:
            kinds:
              - {group: kubevirt.io, version: v1, kind: KubeVirt}
            upgradeStuckAfter: 2h30m
        """);

    assertThat(loaded(loader.load(file)).config().diagnostics().operators()).isEqualTo(
        new OperatorSettings(List.of(new GroupVersionKind("kubevirt.io", "v1", "KubeVirt")),
            Duration.ofMinutes(150)));
  }

  @Test
  void leftOutKeysKeepTheirDefaults() throws IOException {
    Path file = config("""
        diagnostics:
          operators:
            kinds: []
        """);

    OperatorSettings settings = loaded(loader.load(file)).config().diagnostics().operators();
    assertThat(settings.kinds()).as("an empty list turns the check off").isEmpty();
    assertThat(settings.upgradeStuckAfter())
        .isEqualTo(OperatorSettings.DEFAULT.upgradeStuckAfter());
    assertThat(loaded(loader.load(config("diagnostics: {}\n"))).config().diagnostics()
        .operators()).isEqualTo(OperatorSettings.DEFAULT);
  }

  @Test
  void reportsBadValuesWithTheirLines() throws IOException {
    Path file = config("""
        diagnostics:
          operators:
            kinds:
              - {group: cdi.kubevirt.io, kind: CDI}
            upgradeStuckAfter: soon
            degradedAfter: 1m
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":4: diagnostics.operators.kinds[0]: missing required key 'version'",
        file + ":5: diagnostics.operators.upgradeStuckAfter: invalid duration 'soon'"
            + " (expected a Go-style duration such as 30s, 10m, 1h30m)",
        file + ":6: diagnostics.operators: unknown key 'degradedAfter'"
            + " (allowed: kinds, upgradeStuckAfter)");
  }
}
