package io.virtplatform.exporter.core.diff;

/**
 * One golden-state requirement the live object does not satisfy.
 *
 * @param pointer RFC 6901 JSON Pointer into the golden-state document; list elements are addressed
 *     by their index in the golden (desired) list, even when the list is matched by name
 * @param desired the golden value at {@code pointer}; {@code null} when the golden document asks
 *     for the field to be absent or when the live list holds an element beyond the golden length
 * @param live the live value, or {@code null} when {@code liveAbsent}
 * @param liveAbsent true when the live object has no field at {@code pointer}
 */
public record FieldDifference(String pointer, Object desired, Object live, boolean liveAbsent) {

  public FieldDifference {
    if (pointer == null) {
      throw new IllegalArgumentException("pointer must not be null");
    }
    if (liveAbsent && live != null) {
      throw new IllegalArgumentException("an absent live field has no value: " + pointer);
    }
  }

  public static FieldDifference absent(String pointer, Object desired) {
    return new FieldDifference(pointer, desired, null, true);
  }

  public static FieldDifference changed(String pointer, Object desired, Object live) {
    return new FieldDifference(pointer, desired, live, false);
  }
}
