package io.virtplatform.exporter.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

  @Test
  void escapesEveryLineBreakAndControlCharacter() {
    assertThat(ControlCharacters.escape("a\tb\nc\rd\u0000e\u007ff\u0085g\u2028h\u2029i"))
        .isEqualTo("a\\tb\\nc\\rd\\u0000e\\u007ff\\u0085g\\u2028h\\u2029i");
  }

  @Test
  void leavesOtherTextAlone() {
    String text = "virt-api \"quoted\" \\ é 日本";

    assertThat(ControlCharacters.escape(text)).isSameAs(text);
    assertThat(ControlCharacters.escape(null)).isEmpty();
  }
}
