package io.virtplatform.exporter.core.config;

import java.time.Duration;

/**
 * When compliance flips often enough to count as an edit war: at least {@code minTransitions}
 * compliant/drifted transitions inside a sliding {@code window}; the episode ends after a quiet
 * {@code window}.
 */
public record EditWarSettings(Duration window, int minTransitions) {

  /**
   * The longest {@code window}: an edit war is a matter of minutes, and the detector keeps every
   * transition of the window in memory.
   */
  public static final Duration MAX_WINDOW = Duration.ofHours(24);

  public static final EditWarSettings DEFAULT = new EditWarSettings(Duration.ofMinutes(10), 6);

  public EditWarSettings {
    DurationBounds.require(window, MAX_WINDOW, "editWar.window");
    if (minTransitions < 2) {
      throw new IllegalArgumentException("editWar.minTransitions must be at least 2");
    }
  }
}
