package io.virtplatform.exporter.core.compliance;

/**
 * The limits on the customization annotations of a live object. Anyone who may edit one managed
 * object can write these annotations, so they are untrusted input: without limits, a 1.3 KB patch
 * of 24 {@code copy} operations doubles the golden document 24 times and exhausts the heap. Past a
 * limit the customization is invalid (compliance 0, the reason on {@code /api/v1/drift} and in the
 * log); nothing larger than the limit is ever built.
 *
 * <p>The numbers are generous for real customizations, which change a handful of fields of a
 * golden document of a few kilobytes. docs/configuration.md and the README state them; a test
 * holds the documents to these constants.
 */
public final class CustomizationLimits {

  /** Characters of one {@code patch} or {@code ignore-fields} annotation value. */
  public static final int MAX_ANNOTATION_CHARS = 32 * 1024;

  /** Operations in one {@code patch}. */
  public static final int MAX_PATCH_OPERATIONS = 100;

  /** JSON Pointers in one {@code ignore-fields}; each one is checked against every golden field. */
  public static final int MAX_IGNORED_POINTERS = 100;

  /** Size of the patched golden document, counted as characters of its compact JSON. */
  public static final long MAX_PATCHED_DOCUMENT_CHARS = 1024 * 1024;

  /** Nesting depth of the patched golden document (the root object is depth 1). */
  public static final int MAX_PATCHED_DOCUMENT_DEPTH = 100;

  /**
   * Differences kept per resource for {@code /drift}; {@code virt_platform_drifted_fields} still
   * counts all of them.
   */
  public static final int MAX_REPORTED_DIFFERENCES = 1000;

  private CustomizationLimits() {}
}
