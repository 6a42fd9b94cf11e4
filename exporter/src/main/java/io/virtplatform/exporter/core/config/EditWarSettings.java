package io.virtplatform.exporter.core.config;

import java.time.Duration;

/**
 * When compliance flips often enough to count as an edit war: at least {@code minTransitions}
 * compliant/drifted transitions inside a sliding {@code window}; the episode ends after a quiet
 * {@code window}.
 */
public record EditWarSettings(Duration window, int minTransitions) {

  public static final EditWarSettings DEFAULT = new EditWarSettings(Duration.ofMinutes(10), 6);

  public EditWarSettings {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("editWar.window must be positive");
    }
    if (minTransitions < 2) {
      throw new IllegalArgumentException("editWar.minTransitions must be at least 2");
    }
  }
}
