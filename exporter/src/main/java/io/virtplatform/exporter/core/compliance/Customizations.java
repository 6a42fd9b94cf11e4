package io.virtplatform.exporter.core.compliance;

import io.virtplatform.exporter.core.diff.JsonPointers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customizations a live object asks for through its {@link CustomizationAnnotations}.
 *
 * @param unmanaged the resource opted out of the golden state
 * @param ignoredPointers JSON Pointers of golden fields not to compare, as written (possibly
 *     invalid, see {@link #ignoreFieldsProblem()})
 * @param patch the raw JSON Patch text, or {@code null} when there is none (a blank annotation
 *     counts as none)
 * @param reconcilePaused the resource carries {@code reconcile-paused: "true"}
 * @param disabled the HyperConverged CR lists the resource in its {@link
 *     DisabledResources#ANNOTATION} annotation: it is not managed, whatever it carries itself
 */
public record Customizations(boolean unmanaged, List<String> ignoredPointers, String patch,
    boolean reconcilePaused, boolean disabled) {

  public static final Customizations NONE = new Customizations(false, List.of(), null, false);

  /** A resource the HyperConverged CR disables: nothing of it is compared. */
  public static final Customizations DISABLED =
      new Customizations(false, List.of(), null, false, true);

  public Customizations {
    ignoredPointers = ignoredPointers == null ? List.of() : List.copyOf(ignoredPointers);
  }

  /** Customizations of the resource's own annotations, not disabled by the HyperConverged CR. */
  public Customizations(
      boolean unmanaged, List<String> ignoredPointers, String patch, boolean reconcilePaused) {
    this(unmanaged, ignoredPointers, patch, reconcilePaused, false);
  }

  /**
   * Reads the customization annotations; {@code null} means no annotations. Values are trimmed,
   * {@code mode} and {@code reconcile-paused} are case-insensitive, and empty entries of
   * {@code ignore-fields} are dropped.
   */
  public static Customizations fromAnnotations(Map<String, String> annotations) {
    if (annotations == null) {
      return NONE;
    }
    String patch = trimmed(annotations.get(CustomizationAnnotations.PATCH));
    Customizations found = new Customizations(
        CustomizationAnnotations.UNMANAGED_MODE.equalsIgnoreCase(
            trimmed(annotations.get(CustomizationAnnotations.MODE))),
        pointers(annotations.get(CustomizationAnnotations.IGNORE_FIELDS)),
        patch.isEmpty() ? null : patch,
        "true".equalsIgnoreCase(trimmed(annotations.get(CustomizationAnnotations.RECONCILE_PAUSED))));
    // Every verdict keeps its customizations; most objects have none, and share the one instance.
    return found.equals(NONE) ? NONE : found;
  }

  private static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }

  private static List<String> pointers(String ignoreFields) {
    return Arrays.stream(trimmed(ignoreFields).split(","))
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .toList();
  }

  /**
   * The customization types in effect, for the {@code type} label of
   * {@code virt_platform_customization_info}: {@code disabled} alone when the HyperConverged CR
   * disables the resource, {@code unmanaged} alone when the resource is unmanaged (nothing else is
   * evaluated then), otherwise {@code patch} and/or {@code ignore}.
   */
  public List<String> types() {
    if (disabled) {
      return List.of("disabled");
    }
    if (unmanaged) {
      return List.of("unmanaged");
    }
    List<String> types = new ArrayList<>(2);
    if (patch != null) {
      types.add("patch");
    }
    if (!ignoredPointers.isEmpty()) {
      types.add("ignore");
    }
    return List.copyOf(types);
  }

  /**
   * Why the {@code ignore-fields} annotation is unusable: it is longer than
   * {@link CustomizationLimits#MAX_ANNOTATION_CHARS}, holds more pointers than
   * {@link CustomizationLimits#MAX_IGNORED_POINTERS}, or an invalid one (the first is named).
   */
  public Optional<String> ignoreFieldsProblem() {
    long chars = ignoredPointers.stream().mapToLong(String::length).sum();
    if (chars > CustomizationLimits.MAX_ANNOTATION_CHARS) {
      return Optional.of(CustomizationAnnotations.IGNORE_FIELDS + ": more than "
          + CustomizationLimits.MAX_ANNOTATION_CHARS + " characters of pointers");
    }
    if (ignoredPointers.size() > CustomizationLimits.MAX_IGNORED_POINTERS) {
      return Optional.of(CustomizationAnnotations.IGNORE_FIELDS + ": " + ignoredPointers.size()
          + " pointers, more than the limit of " + CustomizationLimits.MAX_IGNORED_POINTERS);
    }
    return ignoredPointers.stream()
        .map(JsonPointers::problem)
        .flatMap(Optional::stream)
        .findFirst()
        .map(problem -> CustomizationAnnotations.IGNORE_FIELDS + ": " + problem);
  }
}
