package io.virtplatform.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "30s, PT30S",
      "10m, PT10M",
      "1h, PT1H",
      "1h30m, PT1H30M",
      "2m500ms, PT2M0.5S",
      "90m, PT1H30M",
      "0s, PT0S"
  })
  void parsesGoStyleDurations(String text, Duration expected) {
    assertThat(GoDuration.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "10 minutes", "1d", "-5m", "1.5h", "m", "10M",
      "99999999999999999999h"})
  void rejectsAnythingElse(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }
}
