package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every alert is exercised by promtool, and the tests only name alerts that exist. */
class PromtoolCoverageTest {

  static List<AlertRule> alerts() {
    return Bundle.get().alerts();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void hasAPromtoolTestThatExpectsItToFire(AlertRule alert) {
    assertThat(Bundle.get().promtoolTests())
        .as("alerts/tests/*.yaml with a non-empty exp_alerts for %s", alert)
        .anySatisfy(file -> assertThat(file.alertsExpectedToFire()).contains(alert.name()));
  }

  /** promtool accepts an unknown alertname, so "exp_alerts: []" for a typo would pass silently. */
  @Test
  void everyAlertNameInTheTestsIsAnAlert() {
    Set<String> known = alerts().stream().map(AlertRule::name).collect(Collectors.toSet());

    assertThat(Bundle.get().promtoolTests())
        .allSatisfy(file -> assertThat(known)
            .as("alertnames checked in %s", file.file().getFileName())
            .containsAll(file.alertsChecked()));
  }
}
