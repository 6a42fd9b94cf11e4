package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts and runbooks pair up one to one, and the index lists them all. */
class RunbookCoverageTest {

  private final Bundle bundle = Bundle.get();

  @Test
  void everyAlertHasARunbook() {
    assertThat(runbookNames())
        .as("runbooks/<AlertName>.md for every alert in the rule file")
        .containsAll(alertNames());
  }

  @Test
  void everyRunbookHasAnAlert() {
    assertThat(alertNames())
        .as("an alert in the rule file for every runbook except README.md")
        .containsAll(runbookNames());
  }

  @Test
  void indexListsEveryAlertWithItsSeverityAndRunbook() {
    List<RunbookIndex.Row> expected = bundle.alerts().stream()
        .map(a -> new RunbookIndex.Row(a.name(), a.labels().get("severity"), a.name() + ".md"))
        .toList();

    assertThat(RunbookIndex.read(bundle.runbookIndex()))
        .as("rows of the alert table in runbooks/README.md")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private List<String> alertNames() {
    return bundle.alerts().stream().map(AlertRule::name).toList();
  }

  private List<String> runbookNames() {
    return bundle.runbooks().stream().map(Runbook::fileStem).toList();
  }
}
