package io.virtplatform.exporter.config;

import static io.virtplatform.exporter.config.ConfigLoaderTest.errorLines;
import static io.virtplatform.exporter.config.ConfigLoaderTest.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.CompatibilityRule;
import io.virtplatform.exporter.core.model.VersionRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code diagnostics.compatibility} section of the config file. */
class CompatibilitySectionTest {

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader();

  private Path config(String text) throws IOException {
    return Files.writeString(dir.resolve("config.yaml"), text);
  }

  private static VersionRange range(String text) {
    return VersionRange.parse(text).orElseThrow();
  }

  @Test
  void readsRulesWithOptionalContainers() throws IOException {
    Path file = config("""
        diagnostics:
          compatibility:
            - component: capmox
              requires: capi
              requiresContainer: manager
              matrix:
                - {versions: ">=0.5.0 <0.6.0", requires: ">=1.6.0 <1.8.0"}
        """);

    assertThat(loaded(loader.load(file)).config().diagnostics().compatibility()).containsExactly(
        new CompatibilityRule("capmox", "", "capi", "manager", List.of(
            new CompatibilityRule.Row(range(">=0.5.0 <0.6.0"), range(">=1.6.0 <1.8.0")))));
  }

  @Test
  void withoutTheKeyTheShippedMatrixAppliesAndAnEmptyListTurnsItOff() throws IOException {
    assertThat(loaded(loader.load(config("diagnostics: {}\n"))).config().diagnostics()
        .compatibility()).isEqualTo(CompatibilityRule.DEFAULT);
    assertThat(loaded(loader.load(config("diagnostics: {compatibility: []}\n"))).config()
        .diagnostics().compatibility()).isEmpty();
  }

  @Test
  void reportsBadRulesWithTheirLines() throws IOException {
    Path file = config("""
        diagnostics:
          compatibility:
            - component: capmox
              requires: capi
              matrix:
                - {versions: ">=0.5.0", requires: "~1.6"}
            - component: capi
              requires: capi
              matrix: [{versions: "1.0.0", requires: "1.0.0"}]
            - component: a
              requires: b
              matrix: []
            - component: c
              requires: d
              matrix: [{versions: "1.0.0", requires: "1.0.0"}]
            - component: c
              requires: d
              matrix: [{versions: "2.0.0", requires: "2.0.0"}]
        """);

    assertThat(errorLines(loader.load(file))).containsExactly(
        file + ":6: diagnostics.compatibility[0].matrix[0].requires: invalid version range"
            + " '~1.6' (expected comparisons with versions, such as \">=1.6.0 <1.8.0\")",
        file + ":7: diagnostics.compatibility[1]: a component cannot require itself",
        file + ":12: diagnostics.compatibility[2].matrix must not be empty",
        file + ":16: diagnostics.compatibility[4]: duplicate rule for c requiring d"
            + " (first defined at " + file + ":13)");
  }
}
