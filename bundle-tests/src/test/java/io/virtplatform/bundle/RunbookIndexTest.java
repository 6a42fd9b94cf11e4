package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunbookIndexTest {

  @Test
  void readsTheAlertTableAndIgnoresOtherTables() {
    List<RunbookIndex.Row> rows = RunbookIndex.parse(List.of(
        "# Runbooks",
        "| Alerts | Labels |",
        "|---|---|",
        "| resource alerts | kind |",
        "",
        "| Alert | Severity | What it means | Runbook |",
        "|---|---|---|---|",
        "| VirtPlatformA | critical | a \\| b | [VirtPlatformA.md](VirtPlatformA.md) |",
        "| VirtPlatformB | warning | c | no link |",
        "",
        "| VirtPlatformC | warning | after the table | [x](x.md) |"));

    assertThat(rows).containsExactly(
        new RunbookIndex.Row("VirtPlatformA", "critical", "VirtPlatformA.md"),
        new RunbookIndex.Row("VirtPlatformB", "warning", ""));
  }
}
