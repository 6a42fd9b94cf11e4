package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunbookTest {

  @Test
  void headingsInsideCodeFencesAreBodyText() {
    Runbook runbook = Runbook.parse("VirtPlatformX", List.of(
        "# VirtPlatformX",
        "## Meaning",
        "fires for 5 minutes",
        "```bash",
        "# a shell comment, not a title",
        "## nor a section",
        "```",
        "## Impact",
        "bad"));

    assertThat(runbook.titles()).containsExactly("VirtPlatformX");
    assertThat(runbook.sectionTitles()).containsExactly("Meaning", "Impact");
    assertThat(runbook.body("Meaning")).get().asString()
        .contains("fires for 5 minutes")
        .contains("# a shell comment, not a title");
    assertThat(runbook.body("Diagnosis")).isEmpty();
  }
}
