package io.virtplatform.exporter.core.diagnostics.lifecycle;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Values read from the cluster as they go into log lines. Anyone who can create an object chooses
 * its names and ownerReferences; a line break in one must not start a forged log line.
 */
final class LogText {

  private LogText() {}

  /**
   * {@code value} as a JSON string literal: quoted, with line breaks, other control characters,
   * quotes and backslashes escaped.
   */
  static String quote(String value) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
  }
}
