package io.virtplatform.exporter.core.text;

/**
 * Escapes control characters and Unicode line breaks, so that text from a file or from the
 * cluster stays on one line wherever it is printed: in a log line, an error message, a
 * {@code file:line: message} report. A value such as {@code "x\n2026-01-01 ERROR ..."} could
 * otherwise pass for a second event.
 */
public final class ControlCharacters {

  private ControlCharacters() {}

  /**
   * {@code text} with tab, LF and CR as {@code \t}, {@code \n}, {@code \r}, and every other
   * control character (C0, DEL, C1, which includes NEL) and the line and paragraph separators
   * U+2028 and U+2029 as {@code \}{@code uXXXX}. Returns {@code text} itself when there is
   * nothing to escape; {@code null} becomes the empty string.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escape(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    return switch (c) {
      case '\t' -> "\\t";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
          ? String.format("\\u%04x", (int) c)
          : null;
    };
  }
}
