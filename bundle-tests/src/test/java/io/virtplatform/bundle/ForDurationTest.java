package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForDurationTest {

  @Test
  void parsesSingleAndCompoundPrometheusDurations() {
    assertThat(ForDuration.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(ForDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(ForDuration.parse("45s")).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void rejectsTextThatIsNotADuration() {
    assertThatThrownBy(() -> ForDuration.parse("15")).hasMessageContaining("'15'");
    assertThatThrownBy(() -> ForDuration.parse("15 minutes")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ForDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void phrasesInTheLargestWholeUnitWithSingularForOne() {
    assertThat(ForDuration.phrase(Duration.ofMinutes(1))).isEqualTo("for 1 minute");
    assertThat(ForDuration.phrase(Duration.ofMinutes(15))).isEqualTo("for 15 minutes");
    assertThat(ForDuration.phrase(Duration.ofMinutes(90))).isEqualTo("for 90 minutes");
    assertThat(ForDuration.phrase(Duration.ofHours(2))).isEqualTo("for 2 hours");
    assertThat(ForDuration.phrase(Duration.ofSeconds(30))).isEqualTo("for 30 seconds");
  }

  @Test
  void refusesAZeroHoldTime() {
    assertThatThrownBy(() -> ForDuration.phrase(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
