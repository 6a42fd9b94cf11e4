package io.virtplatform.exporter.core.diagnostics.lifecycle;

import java.util.UUID;

/**
 * An object's {@code metadata.uid} (or an ownerReference's uid) as the dangling-owner check keeps
 * it for every watched object: 32 bytes instead of 80 for the 36-character string.
 *
 * <p>The API server generates uids as RFC 4122 UUIDs in canonical lowercase form; such a uid is
 * kept as its two halves, {@code text} null. Any other string (an API server is free to choose,
 * and a test or another implementation may) is kept as it is, in {@code text}, with both halves
 * zero. Only the exact canonical form is parsed, so two uids are equal exactly when their strings
 * are: an uppercase or unpadded spelling that {@link java.util.UUID#fromString} would accept
 * stays text and does not match its lowercase twin.
 */
record Uid(long high, long low, String text) {

  /** The uid of {@code value}; null for null, as an object or reference without a uid. */
  static Uid of(String value) {
    if (value == null) {
      return null;
    }
    UUID uuid = canonicalUuid(value);
    return uuid == null ? new Uid(0, 0, value)
        : new Uid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), null);
  }

  /** The UUID {@code value} spells in canonical form (that form again from toString), or null. */
  private static UUID canonicalUuid(String value) {
    if (value.length() != 36) {
      return null; // also spares the exception for the short spellings fromString accepts
    }
    try {
      UUID uuid = UUID.fromString(value);
      return uuid.toString().equals(value) ? uuid : null;
    } catch (IllegalArgumentException notAUuid) {
      return null;
    }
  }

  /** The uid as the API server wrote it. */
  @Override
  public String toString() {
    return text != null ? text : new UUID(high, low).toString();
  }
}
