package io.virtplatform.exporter.core.config;

import java.time.Duration;

/**
 * The range check of the duration settings. A class of its own: were it a static method of
 * {@link DiagnosticsSettings}, constructing a nested settings record's {@code DEFAULT} would start
 * initializing {@code DiagnosticsSettings}, whose own {@code DEFAULT} would then read the nested
 * {@code DEFAULT} while it is still null.
 */
final class DurationBounds {

  private DurationBounds() {}

  static void require(Duration duration, Duration max, String setting) {
    if (duration.isNegative() || duration.isZero() || duration.compareTo(max) > 0) {
      throw new IllegalArgumentException(setting + " must be positive and at most " + max);
    }
  }
}
