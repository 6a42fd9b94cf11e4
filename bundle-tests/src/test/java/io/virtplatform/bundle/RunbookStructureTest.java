package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every runbook has the agreed shape and states what its rule really does. */
class RunbookStructureTest {

  private static final Pattern HOLD_PHRASE = Pattern.compile("\\bfor \\d+ (?:second|minute|hour)s?\\b");

  static List<Runbook> runbooks() {
    return Bundle.get().runbooks();
  }

  /** Alerts without a runbook are reported by {@link RunbookCoverageTest}. */
  static List<AlertRule> alertsWithRunbook() {
    return Bundle.get().alerts().stream().filter(a -> runbookOf(a).isPresent()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void titleIsTheAlertName(Runbook runbook) {
    assertThat(runbook.titles()).as("H1 headings of %s", runbook).containsExactly(runbook.fileStem());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void startsWithMeaningImpactDiagnosisMitigation(Runbook runbook) {
    assertThat(runbook.sectionTitles())
        .as("H2 sections of %s", runbook)
        .startsWith("Meaning", "Impact", "Diagnosis", "Mitigation");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alertsWithRunbook")
  void meaningStatesTheRulesForDuration(AlertRule alert) {
    String expected = ForDuration.phrase(ForDuration.parse(alert.holdFor()));
    String meaning = normalized(section(alert, "Meaning"));

    assertThat(meaning).as("Meaning of %s.md must say '%s'", alert, expected).contains(expected);
    assertThat(holdPhrases(meaning))
        .as("every 'for <duration>' in the Meaning of %s.md must be the rule's for", alert)
        .containsOnly(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alertsWithRunbook")
  void impactStatesSeverityAndOperatorHealthImpact(AlertRule alert) {
    String impact = section(alert, "Impact");

    assertThat(impact)
        .as("Impact of %s.md", alert)
        .contains("Severity: **" + alert.labels().get("severity") + "**")
        .contains("Operator health impact: **" + alert.labels().get("operator_health_impact") + "**");
  }

  private static Optional<Runbook> runbookOf(AlertRule alert) {
    return Bundle.get().runbooks().stream().filter(r -> r.fileStem().equals(alert.name())).findFirst();
  }

  private static String section(AlertRule alert, String title) {
    return runbookOf(alert).orElseThrow().body(title).orElse("");
  }

  /** Markdown wraps lines anywhere, and sentences may start with "For". */
  private static String normalized(String text) {
    return text.replaceAll("\\s+", " ").toLowerCase();
  }

  private static List<String> holdPhrases(String text) {
    List<String> phrases = new ArrayList<>();
    Matcher m = HOLD_PHRASE.matcher(text);
    while (m.find()) {
      phrases.add(m.group());
    }
    return phrases;
  }
}
