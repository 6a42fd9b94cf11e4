package io.virtplatform.exporter.core.model;

import io.virtplatform.exporter.core.text.ControlCharacters;

/**
 * Makes values read from the cluster safe to put in a log line: a name or message that contains a
 * line break or a control character could otherwise forge further log lines.
 */
public final class LogSafe {

  private LogSafe() {}

  /** {@code value} in double quotes, with quotes, backslashes and control characters escaped. */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String quotesEscaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
    return '"' + ControlCharacters.escape(quotesEscaped) + '"';
  }
}
