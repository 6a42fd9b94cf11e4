package io.virtplatform.exporter.core.compliance;

/** Names of the annotations through which users customize a managed resource. */
public final class CustomizationAnnotations {

  /** {@code unmanaged} (any case) opts the resource out of the golden state entirely. */
  public static final String MODE = "platform.kubevirt.io/mode";

  /** Comma-separated RFC 6901 JSON Pointers of golden fields or subtrees not to compare. */
  public static final String IGNORE_FIELDS = "platform.kubevirt.io/ignore-fields";

  /** RFC 6902 JSON Patch (a JSON array) applied to the golden document before comparing. */
  public static final String PATCH = "platform.kubevirt.io/patch";

  /** {@code true} while reconciliation of the resource is paused. */
  public static final String RECONCILE_PAUSED = "platform.kubevirt.io/reconcile-paused";

  static final String UNMANAGED_MODE = "unmanaged";

  private CustomizationAnnotations() {}
}
