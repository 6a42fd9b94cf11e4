package io.virtplatform.exporter.core.metrics;

import java.util.Locale;

/** Escaping and number rendering shared by the 0.0.4 text format and OpenMetrics 1.0. */
final class ExpositionText {

  /** Whole numbers below this magnitude are written without a fraction; doubles are exact there. */
  private static final double LARGEST_PLAIN_INTEGER = 1e15;

  private ExpositionText() {
  }

  static void appendLabelValue(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  /**
   * HELP text escaping. The 0.0.4 parser rejects {@code \"} in HELP, while OpenMetrics requires
   * double quotes to be escaped there, so the caller says which rule applies.
   */
  static String help(String text, boolean escapeDoubleQuote) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '"' && escapeDoubleQuote) {
        out.append("\\\"");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Spellings valid in both formats: {@code 1}, {@code 0.25}, {@code 1.0E-5}, {@code NaN}, {@code +Inf}. */
  static String value(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  static String typeName(MetricType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The metric family name as OpenMetrics and client_java's builders expect it: counters lose
   * the {@code _total} that their samples carry.
   */
  static String familyName(ExportedMetric metric) {
    String name = metric.metricName();
    if (metric.type() != MetricType.COUNTER) {
      return name;
    }
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("counter " + name + " must end with _total");
    }
    return name.substring(0, name.length() - "_total".length());
  }
}
