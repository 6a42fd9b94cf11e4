package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.compliance.ComplianceState;
import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.List;

/**
 * Why one managed resource is not compliant.
 *
 * @param state {@link ComplianceState#DRIFTED}, {@link ComplianceState#MISSING} (every golden
 *     field absent) or {@link ComplianceState#INVALID_CUSTOMIZATION} (no field compared)
 * @param problem what is wrong with the customization; {@code null} unless invalid
 * @param fields every golden field not satisfied, in golden-document order
 * @param customizations those the live object carries; {@link Customizations#NONE} when missing
 */
public record ResourceDrift(
    ResourceRef ref,
    ComplianceState state,
    String problem,
    List<FieldDrift> fields,
    Customizations customizations) {

  public ResourceDrift {
    fields = List.copyOf(fields);
  }
}
