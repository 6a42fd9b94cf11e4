package io.virtplatform.exporter.core.drift;

/**
 * One golden-state field that the live object does not satisfy, explained.
 *
 * @param pointer RFC 6901 JSON Pointer into the golden document as compared (after the patch
 *     customization); list indexes are those of the golden list. This is the form the {@code
 *     platform.kubevirt.io/ignore-fields} annotation takes.
 * @param path the field in the live object, addressed as managedFields address it: keyed list
 *     elements by their key ({@code .spec.template.spec.containers[name="app"].env[name="LOG"]
 *     .value}), other list elements by their live index (see {@link FieldPath#text()})
 * @param desired the golden value; {@code null} when the field must be absent or the live list has
 *     an element beyond the golden length
 * @param live the live value; {@code null} when {@code liveAbsent}
 * @param liveAbsent the live object has no such field
 * @param manager the field manager that last wrote the live field, from {@code
 *     metadata.managedFields}; when {@code removed}, the manager whose entry still lists the field;
 *     {@code null} when no entry owns it
 * @param removed the field is absent live while a managedFields entry still lists it: it was
 *     removed after {@code manager} wrote it, by someone Kubernetes keeps no record of
 */
public record FieldDrift(String pointer, String path, Object desired, Object live,
    boolean liveAbsent, String manager, boolean removed) {}
