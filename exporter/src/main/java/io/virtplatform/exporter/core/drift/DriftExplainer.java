package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.compliance.ComplianceResult;
import io.virtplatform.exporter.core.compliance.ComplianceState;
import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.diff.FieldDifference;
import io.virtplatform.exporter.core.series.ManagedResourceTracker.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Explains the latest compliance judgements field by field: every golden field not satisfied,
 * including absent ones, with the desired and live values and the manager that wrote the live
 * value. Reads only what the trackers already hold; never calls the API server.
 */
public final class DriftExplainer {

  private static final Set<ComplianceState> NOT_COMPLIANT = Set.of(
      ComplianceState.DRIFTED, ComplianceState.MISSING, ComplianceState.INVALID_CUSTOMIZATION);

  private final Supplier<List<Judgement>> judgements;

  /**
   * @param judgements the latest judgements in report order, as {@link
   *     io.virtplatform.exporter.core.series.ManagedResourceTracker#judgements()} gives them
   */
  public DriftExplainer(Supplier<List<Judgement>> judgements) {
    this.judgements = judgements;
  }

  public DriftReport explain() {
    List<ResourceDrift> resources = new ArrayList<>();
    List<CustomizedResource> customized = new ArrayList<>();
    List<Judgement> all = judgements.get();
    for (Judgement judgement : all) {
      ComplianceResult result = judgement.result();
      if (NOT_COMPLIANT.contains(result.state())) {
        resources.add(explain(judgement));
      }
      if (inEffect(result.customizations())) {
        customized.add(new CustomizedResource(result.ref(), result.customizations()));
      }
    }
    return new DriftReport(all.size(), resources, customized);
  }

  private static ResourceDrift explain(Judgement judgement) {
    ComplianceResult result = judgement.result();
    FieldManagers managers = FieldManagers.of(judgement.live());
    Map<String, Object> compared = ComplianceEvaluator
        .comparedDocument(judgement.golden(), result.customizations())
        .orElse(judgement.golden().desired());
    List<FieldDrift> fields = new ArrayList<>(result.differences().size());
    for (FieldDifference d : result.differences()) {
      String manager = d.liveAbsent()
          ? null : managers.lastWriter(d.pointer(), compared).orElse(null);
      fields.add(new FieldDrift(d.pointer(), d.desired(), d.live(), d.liveAbsent(), manager));
    }
    return new ResourceDrift(
        result.ref(), result.state(), result.problem(), fields, result.customizations());
  }

  private static boolean inEffect(Customizations c) {
    return !c.types().isEmpty() || c.reconcilePaused();
  }
}
