package io.virtplatform.exporter.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void aValueFromTheClusterCannotStartANewLogLine() {
    String forged = "cm\n2026-11-30T00:00:00Z [main] ERROR fake line\r\u2028";
    String quoted = LogSafe.quote(forged);
    assertThat(quoted).doesNotContain("\n", "\r", "\u2028")
        .isEqualTo("\"cm\\n2026-11-30T00:00:00Z [main] ERROR fake line\\r\\u2028\"");
  }

  @Test
  void quotesAndBackslashesAreEscapedAndPlainTextIsKept() {
    assertThat(LogSafe.quote("a\"b\\c\td")).isEqualTo("\"a\\\"b\\\\c\\td\"");
    assertThat(LogSafe.quote("configmaps in kubevirt")).isEqualTo("\"configmaps in kubevirt\"");
    assertThat(LogSafe.quote("\u0007")).isEqualTo("\"\\u0007\"");
    assertThat(LogSafe.quote(null)).isEqualTo("null");
  }

  @Test
  void aForgedLineWithQuotesAndBackslashesStaysOneQuotedValue() {
    String forged = "vm\n2026-11-30 12:00:00 INFO all clear\r\"x\"\\";
    assertThat(LogSafe.quote(forged)).doesNotContain("\n", "\r")
        .isEqualTo("\"vm\\n2026-11-30 12:00:00 INFO all clear\\r\\\"x\\\"\\\\\"");
    assertThat(LogSafe.quote("a\u0000b\u001bc")).isEqualTo("\"a\\u0000b\\u001bc\"");
  }
}
