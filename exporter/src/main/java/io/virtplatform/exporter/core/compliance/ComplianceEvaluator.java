package io.virtplatform.exporter.core.compliance;

import io.virtplatform.exporter.core.diff.FieldDifference;
import io.virtplatform.exporter.core.diff.SubsetDiff;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges one live object against its golden document, honouring the live object's customization
 * annotations: unmanaged objects are not compared; otherwise the patch is applied to a copy of the
 * golden document, ignored fields are masked, and the rest is compared as a subset
 * ({@link SubsetDiff}). The identity fields apiVersion, kind, metadata.name and metadata.namespace
 * are never compared. Pure: no cluster I/O. Thread-safe.
 *
 * <p>An unusable customization is logged as a warning once, and again only when the problem of
 * that resource changes or comes back after being fixed.
 */
public final class ComplianceEvaluator {

  private static final Logger LOG = LoggerFactory.getLogger(ComplianceEvaluator.class);

  static final Set<String> IDENTITY_POINTERS =
      Set.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace");

  private final Consumer<String> warnings;
  private final Map<ResourceRef, String> warnedProblems = new ConcurrentHashMap<>();

  public ComplianceEvaluator() {
    this(LOG::warn);
  }

  ComplianceEvaluator(Consumer<String> warnings) {
    this.warnings = warnings;
  }

  /**
   * @param liveOrNull the live object as plain maps, lists and scalars (as the API server returns
   *     it), or {@code null} when it does not exist
   */
  public ComplianceResult evaluate(GoldenObject golden, Map<String, Object> liveOrNull) {
    ResourceRef ref = golden.ref();
    if (liveOrNull == null) {
      warnedProblems.remove(ref);
      return new ComplianceResult(ref, ComplianceState.MISSING,
          SubsetDiff.diff(golden.desired(), null, IDENTITY_POINTERS), Customizations.NONE, null);
    }
    Customizations customizations = Customizations.fromAnnotations(annotations(liveOrNull));
    if (customizations.unmanaged()) {
      warnedProblems.remove(ref);
      return new ComplianceResult(
          ref, ComplianceState.UNMANAGED, List.of(), customizations, null);
    }
    Map<String, Object> desired;
    try {
      desired = effectiveGolden(golden, customizations);
    } catch (InvalidCustomizationException e) {
      warnOnce(ref, e.getMessage());
      return new ComplianceResult(
          ref, ComplianceState.INVALID_CUSTOMIZATION, List.of(), customizations, e.getMessage());
    }
    warnedProblems.remove(ref);
    Set<String> ignored = new HashSet<>(IDENTITY_POINTERS);
    ignored.addAll(customizations.ignoredPointers());
    List<FieldDifference> differences = SubsetDiff.diff(desired, liveOrNull, ignored);
    return new ComplianceResult(ref,
        differences.isEmpty() ? ComplianceState.COMPLIANT : ComplianceState.DRIFTED,
        differences, customizations, null);
  }

  /**
   * The golden document as {@link #evaluate} compares it with a live object that carries {@code
   * customizations}: with their patch applied. The pointers of the differences index into this
   * document. Empty when the customizations are invalid (nothing was compared).
   */
  public static Optional<Map<String, Object>> comparedDocument(
      GoldenObject golden, Customizations customizations) {
    try {
      return Optional.of(effectiveGolden(golden, customizations));
    } catch (InvalidCustomizationException e) {
      return Optional.empty();
    }
  }

  private static Map<String, Object> effectiveGolden(
      GoldenObject golden, Customizations customizations) throws InvalidCustomizationException {
    Optional<String> ignoreProblem = customizations.ignoreFieldsProblem();
    if (ignoreProblem.isPresent()) {
      throw new InvalidCustomizationException(ignoreProblem.get());
    }
    return customizations.patch() == null
        ? golden.desired()
        : GoldenPatch.apply(golden.desired(), customizations.patch());
  }

  private static Map<String, String> annotations(Map<String, Object> live) {
    if (live.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("annotations") instanceof Map<?, ?> annotations) {
      return annotations.entrySet().stream()
          .filter(e -> e.getKey() != null && e.getValue() != null)
          .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString()));
    }
    return null;
  }

  private void warnOnce(ResourceRef ref, String problem) {
    if (!problem.equals(warnedProblems.put(ref, problem))) {
      warnings.accept(ref + ": invalid customization, compliance not evaluated: " + problem);
    }
  }
}
