package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Labels, annotations and aggregation that every alert must have. */
class AlertRuleConventionsTest {

  private static final Map<String, Set<String>> REQUIRED_LABELS = Map.of(
      "severity", Set.of("critical", "warning", "info"),
      "operator_health_impact", Set.of("critical", "warning", "none"),
      "kubernetes_operator_part_of", Set.of("kubevirt"),
      "kubernetes_operator_component", Set.of("virt-platform-exporter"));

  /** Target labels that differ between exporter replicas; keeping them would page once per replica. */
  private static final Set<String> REPLICA_LABELS = Set.of("instance", "pod");

  static List<AlertRule> alerts() {
    return Bundle.get().alerts();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void hasTheRequiredLabelsWithAllowedValues(AlertRule alert) {
    REQUIRED_LABELS.forEach((label, allowed) ->
        assertThat(alert.labels().get(label))
            .as("label %s of %s", label, alert)
            .isIn(allowed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void holdsForAPositiveDuration(AlertRule alert) {
    assertThat(alert.holdFor()).as("for of %s", alert).isNotBlank();
    assertThat(ForDuration.parse(alert.holdFor())).as("for of %s", alert).isGreaterThan(Duration.ZERO);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void runbookUrlIsTheDefaultBasePlusAnExistingRunbook(AlertRule alert) {
    String runbook = alert.name() + ".md";

    assertThat(alert.annotations().get("runbook_url"))
        .as("runbook_url of %s", alert)
        .isEqualTo(Bundle.RUNBOOK_BASE_URL + runbook);
    assertThat(Files.isRegularFile(Bundle.get().runbooksDir().resolve(runbook)))
        .as("runbooks/%s exists", runbook)
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void summaryAndDescriptionNameTheAffectedObject(AlertRule alert) {
    for (String annotation : List.of("summary", "description")) {
      String text = alert.annotations().get(annotation);
      assertThat(text).as("%s of %s", annotation, alert).isNotBlank();
      for (String label : objectLabels(alert)) {
        assertThat(text).as("%s of %s names label %s", annotation, alert, label)
            .contains("$labels." + label);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void aggregatesAwayExporterReplicaLabels(AlertRule alert) {
    if (PromQlText.platformMetrics(alert.expr()).isEmpty()) {
      return; // reads no exporter series, e.g. the absent(up) rule
    }
    assertThat(PromQlText.clauses(alert.expr(), "by"))
        .as("%s must aggregate the exporter's series with by (...)", alert)
        .isNotEmpty()
        .allSatisfy(kept -> assertThat(kept).as("by clause of %s", alert).doesNotContainAnyElementsOf(REPLICA_LABELS));
  }

  /** The labels every by-clause keeps: those that identify the object on the resulting alert. */
  private static Set<String> objectLabels(AlertRule alert) {
    List<List<String>> byClauses = PromQlText.clauses(alert.expr(), "by");
    if (byClauses.isEmpty()) {
      return Set.of();
    }
    Set<String> common = new LinkedHashSet<>(byClauses.get(0));
    byClauses.forEach(common::retainAll);
    return common;
  }
}
