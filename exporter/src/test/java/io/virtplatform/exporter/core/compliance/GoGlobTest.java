package io.virtplatform.exporter.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cases from the documentation of Go's path/filepath.Match. */
class GoGlobTest {

  private static boolean matches(String glob, String name) {
    return GoGlob.compile(glob).orElseThrow().matches(name);
  }

  @Test
  void starAndQuestionMarkStopAtASlash() {
    assertThat(matches("virt-*", "virt-handler")).isTrue();
    assertThat(matches("virt-*", "virt-")).isTrue();
    assertThat(matches("*-config", "kubevirt-config")).isTrue();
    assertThat(matches("a*", "a/b")).isFalse();
    assertThat(matches("a?c", "abc")).isTrue();
    assertThat(matches("a?c", "a/c")).isFalse();
    assertThat(matches("virt.io", "virtXio")).as("other characters are literal").isFalse();
  }

  @Test
  void classesRangesNegationAndEscapes() {
    assertThat(matches("node-[0-9]", "node-7")).isTrue();
    assertThat(matches("node-[0-9]", "node-a")).isFalse();
    assertThat(matches("node-[^0-9]", "node-a")).isTrue();
    assertThat(matches("node-[^0-9]", "node-/")).isFalse();
    assertThat(matches("[\\]a]", "]")).isTrue();
    assertThat(matches("[a\\-z]", "-")).isTrue();
    assertThat(matches("[a\\-z]", "b")).isFalse();
    assertThat(matches("a\\*b", "a*b")).isTrue();
    assertThat(matches("a\\*b", "axb")).isFalse();
  }

  @Test
  void malformedPatternsAreRejected() {
    assertThat(GoGlob.compile("[")).isEmpty();
    assertThat(GoGlob.compile("a[b")).isEmpty();
    assertThat(GoGlob.compile("a\\")).isEmpty();
    assertThat(GoGlob.compile("[z-a]")).isEmpty();
    assertThat(GoGlob.compile("[^]")).isEmpty();
    assertThat(GoGlob.compile("[]a]")).as("Go rejects an unescaped ] first").isEmpty();
    assertThat(GoGlob.compile("[-a]")).isEmpty();
    assertThat(GoGlob.compile("[a-]")).isEmpty();
  }

  @Test
  void manyStarsAgainstALongNameAreMatchedWithoutBacktracking() {
    // A backtracking matcher takes time exponential in the stars here; this one, a scan per run.
    String name = "a".repeat(100_000);
    assertThat(matches("a*a*a*a*a*a*a*a*a*a*a*a*b", name)).isFalse();
    assertThat(matches("a*a*a*a*a*a*a*a*a*a*a*a*a", name)).isTrue();
  }

  @Test
  void runsArePlacedLeftmostAndStarsMatchEmpty() {
    assertThat(matches("*", "")).isTrue();
    assertThat(matches("**", "x")).isTrue();
    assertThat(matches("a*b*c", "abc")).isTrue();
    assertThat(matches("a*b*c", "axbxbxc")).isTrue();
    assertThat(matches("a*bc*c", "abcbc")).isTrue();
    assertThat(matches("a*bc*c", "abc")).as("the runs may not overlap").isFalse();
    assertThat(matches("a*bc*c", "abcxc")).isTrue();
    assertThat(matches("*/b", "a/b")).isTrue();
    assertThat(matches("a*", "a/")).isFalse();
    assertThat(matches("ab", "a")).isFalse();
    assertThat(matches("a*b", "a")).isFalse();
  }
}
