package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.compliance.ComplianceResult;
import io.virtplatform.exporter.core.compliance.ComplianceState;
import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.diff.FieldDifference;
import io.virtplatform.exporter.core.editwar.EditWarState;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.series.ManagedResourceTracker.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Explains the latest compliance judgements field by field: every golden field not satisfied,
 * including absent ones, where it is in the live object, the desired and live values, and the
 * manager that wrote the live value or, for a field removed since, the one that had written it.
 * Reads only what the trackers already hold and what it was shown; never calls the API server.
 */
public final class DriftExplainer {

  private static final Set<ComplianceState> NOT_COMPLIANT = Set.of(
      ComplianceState.DRIFTED, ComplianceState.MISSING, ComplianceState.INVALID_CUSTOMIZATION);

  private final Supplier<List<Judgement>> judgements;
  private final Supplier<List<String>> disabledResourcesProblems;
  private final Supplier<Map<ResourceRef, EditWarState>> editWars;
  private final FieldHistory history = new FieldHistory();

  /**
   * @param judgements the latest judgements in report order, as {@link
   *     io.virtplatform.exporter.core.series.ManagedResourceTracker#judgements()} gives them
   * @param editWars the resources whose edit-war episode runs now, as {@link
   *     io.virtplatform.exporter.core.editwar.EditWarDetector#active()} gives them
   * @param disabledResourcesProblems what is wrong with the HyperConverged CR's disabled-resources
   *     annotation now
   */
  public DriftExplainer(Supplier<List<Judgement>> judgements,
      Supplier<Map<ResourceRef, EditWarState>> editWars,
      Supplier<List<String>> disabledResourcesProblems) {
    this.judgements = judgements;
    this.editWars = editWars;
    this.disabledResourcesProblems = disabledResourcesProblems;
  }

  /**
   * Remembers who wrote the golden fields of a freshly judged live object, so that a field removed
   * later can be told from one that was never there. Call it with every judgement as it is made.
   */
  public void observe(Judgement judgement) {
    if (judgement.result().state() == ComplianceState.UNMANAGED) {
      return;
    }
    history.observe(judgement.result().ref(), compared(judgement), judgement.live());
  }

  public DriftReport explain() {
    List<ResourceDrift> resources = new ArrayList<>();
    List<CustomizedResource> customized = new ArrayList<>();
    List<Judgement> all = judgements.get();
    history.retainOnly(all.stream().map(j -> j.result().ref()).collect(Collectors.toSet()));
    for (Judgement judgement : all) {
      ComplianceResult result = judgement.result();
      if (NOT_COMPLIANT.contains(result.state())) {
        resources.add(explain(judgement));
      }
      if (inEffect(result.customizations())) {
        customized.add(new CustomizedResource(result.ref(), result.customizations()));
      }
    }
    List<EditWarActors> wars = editWars.get().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new EditWarActors(e.getKey(), e.getValue().actors()))
        .toList();
    return new DriftReport(all.size(), resources, customized, wars,
        disabledResourcesProblems.get());
  }

  private ResourceDrift explain(Judgement judgement) {
    ComplianceResult result = judgement.result();
    FieldManagers managers = FieldManagers.of(judgement.live());
    Map<String, Object> compared = compared(judgement);
    List<FieldDrift> fields = new ArrayList<>(result.differences().size());
    for (FieldDifference d : result.differences()) {
      FieldManagers.Ownership owner = managers.explain(d.pointer(), compared);
      String path = owner.path().text();
      Optional<String> earlierWriter = d.liveAbsent() && owner.manager() == null
          && judgement.live() != null
          ? history.lastWriter(result.ref(), path) : Optional.empty();
      fields.add(new FieldDrift(d.pointer(), path, d.desired(), d.live(), d.liveAbsent(),
          earlierWriter.orElse(owner.manager()), earlierWriter.isPresent()));
    }
    return new ResourceDrift(
        result.ref(), result.state(), result.problem(), fields, result.customizations());
  }

  /** The golden document as compared, the one difference pointers index into. */
  private static Map<String, Object> compared(Judgement judgement) {
    return ComplianceEvaluator
        .comparedDocument(judgement.golden(), judgement.result().customizations())
        .orElse(judgement.golden().desired());
  }

  private static boolean inEffect(Customizations c) {
    return !c.types().isEmpty() || c.reconcilePaused();
  }
}
