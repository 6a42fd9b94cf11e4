package io.virtplatform.exporter.core.compliance;

import io.virtplatform.exporter.core.diff.FieldDifference;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of comparing one live object with its golden document.
 *
 * @param differences the unsatisfied golden leaves: for {@link ComplianceState#DRIFTED} those that
 *     differ; for {@link ComplianceState#MISSING} every golden leaf except apiVersion, kind,
 *     metadata.name and metadata.namespace (all reported absent); empty otherwise. Only the first
 *     {@link CustomizationLimits#MAX_REPORTED_DIFFERENCES} are kept, so that a huge golden document
 *     (a patch can make one) cannot make every stored result and {@code /drift} huge.
 * @param customizations those of the live object; {@link Customizations#NONE} when it is missing
 * @param problem why the customization is invalid; {@code null} unless
 *     {@link ComplianceState#INVALID_CUSTOMIZATION}
 * @param differenceCount how many differences there were, including those not kept
 */
public record ComplianceResult(
    ResourceRef ref,
    ComplianceState state,
    List<FieldDifference> differences,
    Customizations customizations,
    String problem,
    int differenceCount) {

  public ComplianceResult {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(customizations, "customizations");
    if (differenceCount < differences.size()) {
      throw new IllegalArgumentException("differenceCount " + differenceCount + " is below the "
          + differences.size() + " differences given");
    }
    differences = List.copyOf(differences.size() > CustomizationLimits.MAX_REPORTED_DIFFERENCES
        ? differences.subList(0, CustomizationLimits.MAX_REPORTED_DIFFERENCES)
        : differences);
  }

  /** A result that counts exactly the {@code differences} given. */
  public ComplianceResult(ResourceRef ref, ComplianceState state,
      List<FieldDifference> differences, Customizations customizations, String problem) {
    this(ref, state, differences, customizations, problem, differences.size());
  }

  /**
   * True only for {@link ComplianceState#COMPLIANT}. An unmanaged resource is not compliant
   * either: callers export no compliance series for it.
   */
  public boolean compliant() {
    return state == ComplianceState.COMPLIANT;
  }

  /**
   * The number of golden leaf fields not satisfied: {@link #differenceCount()}, except for an
   * invalid customization, which counts as 1 (the annotation itself is the field in error, and
   * no comparison was made).
   */
  public int driftedFields() {
    return state == ComplianceState.INVALID_CUSTOMIZATION ? 1 : differenceCount;
  }
}
