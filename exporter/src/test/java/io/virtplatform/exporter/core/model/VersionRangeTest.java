package io.virtplatform.exporter.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

  private static boolean contains(String range, String version) {
    return VersionRange.parse(range).orElseThrow().contains(SemVer.parse(version).orElseThrow());
  }

  @Test
  void everyComparisonMustHold() {
    assertThat(contains(">=1.6.0 <1.8.0", "1.6.0")).isTrue();
    assertThat(contains(">=1.6.0 <1.8.0", "v1.7.9")).isTrue();
    assertThat(contains(">=1.6.0 <1.8.0", "1.8.0")).isFalse();
    assertThat(contains(">=1.6.0 <1.8.0", "1.5.9")).isFalse();
    assertThat(contains(">1.6 <=1.7", "1.7.0")).isTrue();
    assertThat(contains(">1.6 <=1.7", "1.6.0")).isFalse();
    assertThat(contains("=1.6.1", "1.6.1")).isTrue();
    assertThat(contains("1.6.1", "1.6.2")).as("no operator means =").isFalse();
  }

  @Test
  void aPreReleaseSortsBeforeItsRelease() {
    assertThat(contains("<1.8.0", "1.8.0-rc.1")).isTrue();
    assertThat(contains(">=1.8.0", "1.8.0-rc.1")).isFalse();
  }

  @Test
  void textWithoutComparisonsOrWithANonVersionIsNoRange() {
    assertThat(VersionRange.parse("")).isEmpty();
    assertThat(VersionRange.parse(">=1.6.0 <latest")).isEmpty();
    assertThat(VersionRange.parse("~1.6")).isEmpty();
    assertThat(VersionRange.parse("  >=1.6.0   <1.8.0 ").orElseThrow().toString())
        .isEqualTo(">=1.6.0   <1.8.0");
  }
}
