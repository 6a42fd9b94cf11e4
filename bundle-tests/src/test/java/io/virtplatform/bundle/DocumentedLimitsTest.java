package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.compliance.CustomizationLimits;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.DataVolumeSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.LifecycleSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.OperatorSettings;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The limits stated in docs/configuration.md and the README are the ones the code enforces. */
class DocumentedLimitsTest {

  private static String section(String file, String heading) throws IOException {
    String text = Files.readString(RepoRoot.find().resolve(file));
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as("%s has a section %s", file, heading).isNotNegative();
    int end = text.indexOf("\n## ", start + heading.length() + 2);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** The table row of {@code docs/configuration.md#limits} that starts with {@code what}. */
  private static String row(String section, String what) {
    return section.lines().filter(line -> line.startsWith("| " + what)).findFirst()
        .orElseThrow(() -> new AssertionError("no row '" + what + "'"));
  }

  private static String hours(Duration duration) {
    return duration.toHours() + "h";
  }

  @Test
  void theConfigurationReferenceStatesEveryLimit() throws IOException {
    String limits = section("docs/configuration.md", "## Limits");

    assertThat(row(limits, "Characters of a `platform.kubevirt.io/patch`"))
        .contains("| " + CustomizationLimits.MAX_ANNOTATION_CHARS + " |");
    assertThat(row(limits, "Operations of one `patch`"))
        .contains("| " + CustomizationLimits.MAX_PATCH_OPERATIONS + " |");
    assertThat(row(limits, "Size of the patched golden document"))
        .contains("| " + CustomizationLimits.MAX_PATCHED_DOCUMENT_CHARS + " characters |");
    assertThat(row(limits, "Depth of the patched golden document"))
        .contains("| " + CustomizationLimits.MAX_PATCHED_DOCUMENT_DEPTH + " levels |");
    assertThat(row(limits, "Pointers of one `ignore-fields`"))
        .contains("| " + CustomizationLimits.MAX_IGNORED_POINTERS + " |");
    assertThat(row(limits, "Differences kept per resource"))
        .contains("| " + CustomizationLimits.MAX_REPORTED_DIFFERENCES + " |");
    assertThat(row(limits, "Field managers named per edit-war episode"))
        .contains("| " + EditWarDetector.MAX_ACTORS + " |");
    assertThat(limits).contains(
        "`editWar.window` " + hours(EditWarSettings.MAX_WINDOW),
        "`diagnostics.dataVolumes.stuckAfter`, `diagnostics.lifecycle.terminatingAfter` and\n"
            + "`diagnostics.operators.upgradeStuckAfter` " + hours(DataVolumeSettings.MAX_STUCK_AFTER));
    assertThat(List.of(LifecycleSettings.MAX_TERMINATING_AFTER,
        OperatorSettings.MAX_UPGRADE_STUCK_AFTER)).containsOnly(DataVolumeSettings.MAX_STUCK_AFTER);
  }

  @Test
  void theReadmeRobustnessSectionStatesEveryLimit() throws IOException {
    String robustness = section("README.md", "## Robustness");

    for (long limit : List.of((long) CustomizationLimits.MAX_ANNOTATION_CHARS,
        (long) CustomizationLimits.MAX_PATCH_OPERATIONS,
        CustomizationLimits.MAX_PATCHED_DOCUMENT_CHARS,
        (long) CustomizationLimits.MAX_IGNORED_POINTERS,
        (long) CustomizationLimits.MAX_REPORTED_DIFFERENCES)) {
      assertThat(robustness).contains("| " + String.format(Locale.ROOT, "%,d", limit));
    }
    assertThat(robustness)
        .contains(CustomizationLimits.MAX_PATCHED_DOCUMENT_DEPTH + " levels deep")
        .contains("| `editWar.window` | " + hours(EditWarSettings.MAX_WINDOW) + " |")
        .contains("| " + hours(DataVolumeSettings.MAX_STUCK_AFTER) + " (7 days) |");
  }
}
