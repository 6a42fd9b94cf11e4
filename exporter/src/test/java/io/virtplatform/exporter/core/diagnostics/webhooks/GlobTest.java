package io.virtplatform.exporter.core.diagnostics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.virtplatform.exporter.testing.RandomInputs;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void matchesTheWholeNameWithStarAsAnyRun() {
    assertThat(Glob.compile("*kruise*").matches("kruise")).isTrue();
    assertThat(Glob.compile("virt-*-validator").matches("virt-api-validator")).isTrue();
    assertThat(Glob.compile("virt-*").matches("my-virt-api")).isFalse();
    assertThat(Glob.compile("a+b").matches("aab")).as("no regex syntax").isFalse();
    assertThat(Glob.compile("a.b").matches("axb")).as("a dot is a dot").isFalse();
    assertThat(Glob.compile("ab*ba").matches("aba")).as("prefix and suffix cannot overlap")
        .isFalse();
    assertThat(Glob.compile("*").matches("")).isTrue();
    assertThat(Glob.compile("").matches("x")).isFalse();
  }

  /**
   * The reported hang: a regex built from 12 stars backtracked without end on a long name that
   * does not match. The matcher scans the name once per literal part, so this returns at once.
   */
  @Test
  void twelveStarsAgainstALongNameThatDoesNotMatch() {
    Glob glob = Glob.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b");
    String name = "a".repeat(100_000);

    assertThat(glob.matches(name)).isFalse();
    assertThat(glob.matches(name + "b")).isTrue();
  }

  /** The same answers as the regular expression the glob stands for, on a small alphabet. */
  @Test
  void agreesWithTheEquivalentRegex() {
    RandomInputs.forEachSeed(5000, seed -> {
      RandomInputs random = new RandomInputs(seed);
      String pattern = random.string("ab*.", 8);
      String name = random.string("ab", 12);
      Pattern regex = Pattern.compile(Arrays.stream(pattern.split("\\*", -1))
          .map(Pattern::quote).collect(Collectors.joining(".*")));

      assertThat(Glob.compile(pattern).matches(name)).as("'%s' against '%s'", pattern, name)
          .isEqualTo(regex.matcher(name).matches());
    });
  }
}
