package io.virtplatform.exporter.core.series;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPLIANCE_STATUS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.CUSTOMIZATION_INFO;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.DRIFTED_FIELDS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EDIT_WAR_ACTIVE;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.PAUSED_RESOURCES;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.THRASHING_TOTAL;

import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.compliance.ComplianceResult;
import io.virtplatform.exporter.core.compliance.ComplianceState;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.editwar.EditWarState;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the live state of every golden-state object into its per-resource series: compliance,
 * drifted fields, customizations, pause and edit wars. Series exist only for objects whose kind is
 * served and whose informer has synced; before that nothing is known, and a kind that is not served
 * is a missing dependency rather than a sync failure.
 */
public final class ManagedResourceTracker {

  private static final List<ExportedMetric> FAMILIES = List.of(
      COMPLIANCE_STATUS, DRIFTED_FIELDS, CUSTOMIZATION_INFO, THRASHING_TOTAL, EDIT_WAR_ACTIVE,
      PAUSED_RESOURCES);

  private final MetricStore store;
  private final ComplianceEvaluator evaluator;
  private final EditWarDetector editWars;
  private GoldenState golden = GoldenState.empty();
  /** Per kind, the objects its running informer has listed: only those can be judged. */
  private final Map<GroupVersionKind, Set<ResourceRef>> listed = new HashMap<>();
  private final Map<ResourceRef, Map<String, Object>> live = new HashMap<>();
  private final Map<ResourceRef, ComplianceResult> results = new HashMap<>();
  private Consumer<Judgement> judged = judgement -> { };

  public ManagedResourceTracker(
      MetricStore store, ComplianceEvaluator evaluator, EditWarDetector editWars) {
    this.store = store;
    this.evaluator = evaluator;
    this.editWars = editWars;
  }

  /**
   * Calls {@code listener} with every judgement as it is made, under this tracker's lock: the drift
   * explainer remembers who wrote each field, which a later removal erases from the object.
   */
  public synchronized void onJudgement(Consumer<Judgement> listener) {
    judged = listener;
  }

  /** Swaps the golden state; objects that left it lose every series and their edit-war history. */
  public synchronized void goldenStateChanged(GoldenState newState) {
    GoldenState old = golden;
    golden = newState;
    for (GoldenObject o : old.objects()) {
      if (newState.get(o.ref()) == null) {
        forget(o.ref());
        live.remove(o.ref());
      }
    }
    newState.objects().forEach(o -> evaluate(o.ref()));
  }

  /**
   * A new informer starts for a kind, for example because the golden state now manages other
   * objects of it. What the old one saw is forgotten, but the series stay as they are until the new
   * one has listed: an object just added to the golden state must not look missing meanwhile.
   */
  public synchronized void kindWatchStarting(GroupVersionKind gvk) {
    listed.remove(gvk);
    live.keySet().removeIf(ref -> ref.gvk().equals(gvk));
  }

  /** The informer of a kind has completed its first list of {@code covered}: they are known. */
  public synchronized void kindSynced(GroupVersionKind gvk, Set<ResourceRef> covered) {
    listed.put(gvk, Set.copyOf(covered));
    golden.ofKind(gvk).forEach(o -> evaluate(o.ref()));
  }

  /** The kind stopped being served (CRD removed, APIService down): its objects are not judged. */
  public synchronized void kindUnavailable(GroupVersionKind gvk) {
    listed.remove(gvk);
    for (GoldenObject o : golden.ofKind(gvk)) {
      forget(o.ref());
      live.remove(o.ref());
    }
  }

  /** A watch event for {@code ref}: the new object, or {@code null} when it was deleted. */
  public synchronized void liveChanged(ResourceRef ref, Map<String, Object> liveObject) {
    if (golden.get(ref) == null) {
      return;
    }
    if (liveObject == null) {
      live.remove(ref);
    } else {
      live.put(ref, liveObject);
    }
    evaluate(ref);
  }

  /** Ends edit-war episodes that went quiet and renders the resources they belonged to. */
  public synchronized void endQuietEditWars() {
    for (ResourceRef ref : editWars.endQuietEpisodes()) {
      ComplianceResult result = results.get(ref);
      if (result != null) render(result, editWars.state(ref));
    }
  }

  public synchronized List<ComplianceResult> results() {
    return results.values().stream().sorted(
        java.util.Comparator.comparing(ComplianceResult::ref)).toList();
  }

  /**
   * A judgement with the documents it was made from.
   *
   * @param live the live object as last seen (with its {@code metadata.managedFields}), or {@code
   *     null} when it does not exist
   */
  public record Judgement(ComplianceResult result, GoldenObject golden, Map<String, Object> live) {}

  /**
   * The latest judgement of every managed resource whose kind has synced, sorted by reference,
   * each with the golden and live documents it was made from, for explaining drift. The documents
   * are shared, not copied: callers must not modify them.
   */
  public synchronized List<Judgement> judgements() {
    return results().stream()
        .map(r -> new Judgement(r, golden.get(r.ref()), live.get(r.ref())))
        .toList();
  }

  private void evaluate(ResourceRef ref) {
    if (!listed.getOrDefault(ref.gvk(), Set.of()).contains(ref)) {
      return;
    }
    ComplianceResult result = evaluator.evaluate(golden.get(ref), live.get(ref));
    results.put(ref, result);
    judged.accept(new Judgement(result, golden.get(ref), live.get(ref)));
    if (result.state() == ComplianceState.UNMANAGED) {
      editWars.forget(ref);
      FAMILIES.forEach(f -> store.remove(f, key(ref)));
      store.put(CUSTOMIZATION_INFO, key(ref), customizationSamples(result));
      return;
    }
    render(result, editWars.observe(ref, result.compliant()));
  }

  private void render(ComplianceResult result, EditWarState war) {
    ResourceRef ref = result.ref();
    String key = key(ref);
    List<String> labels = labels(ref);
    store.put(COMPLIANCE_STATUS, key, List.of(new Sample(labels, result.compliant() ? 1 : 0)));
    store.put(DRIFTED_FIELDS, key, List.of(new Sample(labels, result.driftedFields())));
    store.put(CUSTOMIZATION_INFO, key, customizationSamples(result));
    store.put(THRASHING_TOTAL, key, List.of(new Sample(labels, war.episodes())));
    store.put(EDIT_WAR_ACTIVE, key, List.of(new Sample(labels, war.active() ? 1 : 0)));
    boolean paused = result.customizations() != null && result.customizations().reconcilePaused();
    store.put(PAUSED_RESOURCES, key, List.of(new Sample(labels, paused ? 1 : 0)));
  }

  private static List<Sample> customizationSamples(ComplianceResult result) {
    if (result.customizations() == null) {
      return List.of();
    }
    List<String> base = labels(result.ref());
    return result.customizations().types().stream()
        .map(type -> new Sample(List.of(base.get(0), base.get(1), base.get(2), type), 1))
        .toList();
  }

  private void forget(ResourceRef ref) {
    editWars.forget(ref);
    results.remove(ref);
    FAMILIES.forEach(f -> store.remove(f, key(ref)));
  }

  private static List<String> labels(ResourceRef ref) {
    return List.of(ref.kind(), ref.name(), ref.namespace());
  }

  /** Sorts series by kind, namespace and name, which is how an engineer scans them. */
  private static String key(ResourceRef ref) {
    return String.join("\u0000", ref.kind(), ref.namespace(), ref.name(), ref.gvk().apiVersion());
  }
}
