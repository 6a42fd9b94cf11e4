package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void aLineBreakInAClusterValueCannotStartAForgedLogLine() {
    String forged = "vm\n2026-11-30 12:00:00 INFO all clear\r\"x\"\\";

    String quoted = LogText.quote(forged);

    assertThat(quoted).doesNotContain("\n", "\r")
        .isEqualTo("\"vm\\n2026-11-30 12:00:00 INFO all clear\\r\\\"x\\\"\\\\\"");
  }

  @Test
  void otherControlCharactersAreEscapedToo() {
    assertThat(LogText.quote("a\u0000b\u001bc")).isEqualTo("\"a\\u0000b\\u001Bc\"");
  }
}
