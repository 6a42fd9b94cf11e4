package io.virtplatform.exporter.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPointersTest {

  @Test
  void escapesTildeBeforeSlash() {
    assertThat(JsonPointers.escape("a/b~c")).isEqualTo("a~1b~0c");
    assertThat(JsonPointers.escape("~1")).isEqualTo("~01");
    assertThat(JsonPointers.child("/metadata/annotations", "platform.kubevirt.io/mode"))
        .isEqualTo("/metadata/annotations/platform.kubevirt.io~1mode");
  }

  @Test
  void tokensAreUnescapedTildeLast() {
    assertThat(JsonPointers.tokens("/metadata/annotations/a~1b~0c~01"))
        .containsExactly("metadata", "annotations", "a/b~c~1");
    assertThat(JsonPointers.tokens("/data/")).containsExactly("data", "");
    assertThat(JsonPointers.tokens("")).isEmpty();
  }

  static Stream<Arguments> coverage() {
    return Stream.of(
        Arguments.of("/spec/replicas", "/spec/replicas", true),
        Arguments.of("/spec", "/spec/replicas", true),
        Arguments.of("/spec/rep", "/spec/replicas", false),
        Arguments.of("/spec/replicas", "/spec", false),
        Arguments.of("/spec/containers/0", "/spec/containers/0/image", true),
        Arguments.of("/spec/containers/0", "/spec/containers/01", false),
        Arguments.of("", "/anything", true));
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @MethodSource("coverage")
  void coversItselfAndItsSubtreeOnly(String prefix, String pointer, boolean covered) {
    assertThat(JsonPointers.covers(prefix, pointer)).isEqualTo(covered);
  }

  static Stream<Arguments> validity() {
    return Stream.of(
        Arguments.of("/spec/replicas", null),
        Arguments.of("/metadata/annotations/a~1b~0c", null),
        Arguments.of("spec/replicas", "must start with \"/\""),
        Arguments.of("", "must start with \"/\""),
        Arguments.of("/a~2b", "\"~\" must be followed by 0"),
        Arguments.of("/a~", "\"~\" must be followed by 0"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("validity")
  void rejectsPointersThatCannotNameAField(String pointer, String expectedProblem) {
    if (expectedProblem == null) {
      assertThat(JsonPointers.problem(pointer)).isEmpty();
    } else {
      assertThat(JsonPointers.problem(pointer)).hasValueSatisfying(
          p -> assertThat(p).contains(pointer).contains(expectedProblem));
    }
  }
}
