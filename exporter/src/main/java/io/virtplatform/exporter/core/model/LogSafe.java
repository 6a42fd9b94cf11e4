package io.virtplatform.exporter.core.model;

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
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
