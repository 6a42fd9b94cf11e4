package io.virtplatform.exporter.core.diagnostics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the timestamps of object metadata, such as {@code creationTimestamp}. */
public final class Timestamps {

  private Timestamps() {}

  /** Kubernetes writes RFC 3339 in UTC; null when absent or unreadable. */
  public static Instant parse(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
