package io.virtplatform.exporter.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The formatted message with its line breaks escaped, so that a value from the cluster (an object
 * name, an annotation, an error body) cannot start a line that reads as another log event.
 */
final class OneLineMessageConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return escapeLineBreaks(event.getFormattedMessage());
  }

  /** CR, LF and the Unicode line breaks NEL, LS and PS as {@code \r}, {@code \n}, {@code \\uXXXX}. */
  static String escapeLineBreaks(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = switch (c) {
        case '\r' -> "\\r";
        case '\n' -> "\\n";
        case '\u0085', '\u2028', '\u2029' -> String.format("\\u%04x", (int) c);
        default -> null;
      };
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
}
