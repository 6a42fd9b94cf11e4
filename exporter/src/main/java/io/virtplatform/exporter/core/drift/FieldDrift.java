package io.virtplatform.exporter.core.drift;

/**
 * One golden-state field that the live object does not satisfy, explained.
 *
 * @param pointer RFC 6901 JSON Pointer into the golden document as compared (after the patch
 *     customization); list indexes are those of the golden list
 * @param desired the golden value; {@code null} when the field must be absent or the live list has
 *     an element beyond the golden length
 * @param live the live value; {@code null} when {@code liveAbsent}
 * @param liveAbsent the live object has no such field
 * @param manager the field manager that last wrote the live field, from {@code
 *     metadata.managedFields}; {@code null} when the field is absent or no entry owns it
 */
public record FieldDrift(
    String pointer, Object desired, Object live, boolean liveAbsent, String manager) {}
