package io.virtplatform.exporter.core.series;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPLIANCE_STATUS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.CUSTOMIZATION_INFO;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.DRIFTED_FIELDS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EDIT_WAR_ACTIVE;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EDIT_WAR_ACTOR_INFO;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.PAUSED_RESOURCES;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.THRASHING_TOTAL;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.TOMBSTONE_STATUS;

import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.compliance.ComplianceResult;
import io.virtplatform.exporter.core.compliance.ComplianceState;
import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.compliance.DisabledResources;
import io.virtplatform.exporter.core.diff.FieldDifference;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.editwar.EditWarState;
import io.virtplatform.exporter.core.editwar.FlipWriters;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns what the watches observe of every golden-state object into its per-resource series:
 * compliance, drifted fields, customizations, pause and edit wars, or for a tombstone whether the
 * object still exists. It holds no live object: each evaluation asks {@code observe} (the watch
 * units' informer stores) for the current one.
 *
 * <p>{@link #evaluate} may run on several threads at once for different objects (never for the
 * same one, see the runtime's evaluation queue): the comparison runs outside any lock, so a slow
 * object holds up only itself, and only the rendering is serialized.
 */
public final class ManagedResourceTracker {

  private static final List<ExportedMetric> FAMILIES = List.of(
      COMPLIANCE_STATUS, DRIFTED_FIELDS, CUSTOMIZATION_INFO, THRASHING_TOTAL, EDIT_WAR_ACTIVE,
      EDIT_WAR_ACTOR_INFO, PAUSED_RESOURCES, TOMBSTONE_STATUS);

  private final MetricStore store;
  private final ComplianceEvaluator evaluator;
  private final EditWarDetector editWars;
  private final FlipWriters flipWriters;
  private final Function<ResourceRef, Observation> observe;
  private volatile GoldenState golden = GoldenState.empty();
  private volatile DisabledResources disabled = DisabledResources.NONE;
  private final Map<ResourceRef, Verdict> verdicts = new ConcurrentHashMap<>();
  private volatile Consumer<Judgement> judged = judgement -> { };

  /** A judgement, and why the object could not be read when that is what it says. */
  private record Verdict(ComplianceResult result, String unreadableReason) {}

  /**
   * @param observe what the watches know of a managed object now; called on evaluation threads
   *     and by {@link #judgements()}
   * @param flipWriters names the actors of each compliance flip, for the edit-war series
   */
  public ManagedResourceTracker(MetricStore store, ComplianceEvaluator evaluator,
      EditWarDetector editWars, FlipWriters flipWriters,
      Function<ResourceRef, Observation> observe) {
    this.store = store;
    this.evaluator = evaluator;
    this.editWars = editWars;
    this.flipWriters = flipWriters;
    this.observe = observe;
  }

  /**
   * Calls {@code listener} with every judgement of a readable object as it is published, under
   * this tracker's lock: the drift explainer remembers who wrote each field, which a later removal
   * erases from the object.
   */
  public void onJudgement(Consumer<Judgement> listener) {
    judged = listener;
  }

  /**
   * Swaps the golden state; objects that left it lose every series and their edit-war history.
   * The caller then evaluates every object of the new state.
   */
  public synchronized void goldenStateChanged(GoldenState newState) {
    GoldenState old = golden;
    golden = newState;
    for (GoldenObject o : old.objects()) {
      if (newState.get(o.ref()) == null) {
        forget(o.ref());
      }
    }
  }

  /**
   * Takes the HyperConverged CR's list of disabled resources; the caller then evaluates every
   * object of the golden state again.
   */
  public void disabledResourcesChanged(DisabledResources newDisabled) {
    disabled = newDisabled;
  }

  /**
   * Judges {@code ref} against what its watch observes now, and renders the verdict. A resource
   * the HyperConverged CR disables is not compared, whether or not it exists: the autopilot
   * neither creates nor manages it.
   */
  public void evaluate(ResourceRef ref) {
    GoldenObject goldenObject = golden.get(ref);
    if (goldenObject == null) {
      return;
    }
    Observation now = observe.apply(ref);
    boolean isDisabled = disabled.isDisabled(ref);
    if (goldenObject.tombstone() && !isDisabled) {
      renderTombstone(goldenObject, now);
      return;
    }
    Verdict verdict = null;
    if (isDisabled) {
      verdict = new Verdict(new ComplianceResult(ref, ComplianceState.UNMANAGED, List.of(),
          Customizations.DISABLED, null), null);
    } else if (now instanceof Observation.Present p) {
      verdict = new Verdict(evaluator.evaluate(goldenObject, p.live()), null);
    } else if (now instanceof Observation.Absent) {
      verdict = new Verdict(evaluator.evaluate(goldenObject, null), null);
    } else if (now instanceof Observation.Unreadable u) {
      verdict = new Verdict(new ComplianceResult(ref, ComplianceState.MISSING, List.of(),
          Customizations.NONE, u.reason()), u.reason());
    }
    synchronized (this) {
      if (golden.get(ref) != goldenObject) {
        return; // the golden state changed meanwhile; the new one is evaluated on its own
      }
      if (now instanceof Observation.Unserved) {
        forget(ref);
      } else if (verdict != null) {
        Map<String, Object> live = now instanceof Observation.Present p ? p.live() : null;
        publish(verdict, goldenObject, live);
        if (verdict.unreadableReason() == null) {
          judged.accept(new Judgement(verdict.result(), goldenObject, live, null));
        }
      }
    }
  }

  /**
   * 1 while the object a tombstone names exists, 0 once it is gone; also 0 while its kind is not
   * served, since then no such object can exist. No series while its watch cannot read it: the
   * exporter cannot tell, and says so through its informer series.
   */
  private synchronized void renderTombstone(GoldenObject goldenObject, Observation now) {
    ResourceRef ref = goldenObject.ref();
    if (golden.get(ref) != goldenObject) {
      return;
    }
    if (now instanceof Observation.Unknown) {
      return; // not listed yet: neither present nor gone
    }
    // A tombstone has none of the managed families, whatever the document declared before.
    editWars.forget(ref);
    verdicts.remove(ref);
    FAMILIES.stream().filter(f -> f != TOMBSTONE_STATUS).forEach(f -> store.remove(f, key(ref)));
    if (now instanceof Observation.Unreadable) {
      store.remove(TOMBSTONE_STATUS, key(ref));
    } else {
      store.put(TOMBSTONE_STATUS, key(ref),
          List.of(new Sample(labels(ref), now instanceof Observation.Present ? 1 : 0)));
    }
  }

  /** Ends edit-war episodes that went quiet and renders the resources they belonged to. */
  public synchronized void endQuietEditWars() {
    for (ResourceRef ref : editWars.endQuietEpisodes()) {
      Verdict verdict = verdicts.get(ref);
      if (verdict != null) render(verdict.result(), editWars.state(ref));
    }
  }

  /**
   * A judgement with the documents it was made from.
   *
   * @param live the live object as its watch holds it now (with its {@code metadata.managedFields}),
   *     or {@code null} when it does not exist or cannot be read
   * @param unreadableReason why the object cannot be read (its watch is forbidden or failing),
   *     e.g. {@code "cannot be read: forbidden"}; {@code null} when it was read. The result then
   *     says MISSING with no differences and carries the same reason as its problem.
   */
  public record Judgement(ComplianceResult result, GoldenObject golden, Map<String, Object> live,
      String unreadableReason) {}

  /**
   * The latest judgement of every managed resource whose watch has listed, sorted by reference,
   * each with the golden and live documents, for explaining drift. The live document is converted
   * from the informer's store on this call; callers must not modify the golden one.
   */
  public List<Judgement> judgements() {
    GoldenState current = golden;
    return verdicts.values().stream()
        .sorted(Comparator.comparing(v -> v.result().ref()))
        .map(v -> new Judgement(v.result(), current.get(v.result().ref()),
            observe.apply(v.result().ref()) instanceof Observation.Present p ? p.live() : null,
            v.unreadableReason()))
        .filter(j -> j.golden() != null)
        .toList();
  }

  private void publish(Verdict verdict, GoldenObject goldenObject, Map<String, Object> live) {
    ComplianceResult result = verdict.result();
    ResourceRef ref = result.ref();
    Verdict previous = verdicts.put(ref, verdict);
    if (result.state() == ComplianceState.UNMANAGED) {
      editWars.forget(ref);
      FAMILIES.forEach(f -> store.remove(f, key(ref)));
      store.put(CUSTOMIZATION_INFO, key(ref), customizationSamples(result));
      return;
    }
    // An object that cannot be read has not flipped: it is no edit-war transition.
    EditWarState war = verdict.unreadableReason() != null
        ? editWars.state(ref)
        : editWars.observe(ref, result.compliant(),
            () -> writersOfFlip(goldenObject, previous, result, live));
    render(result, war);
  }

  /**
   * Who wrote the fields that flipped: into drift, the fields now drifted; back to compliance,
   * those that were drifted, now restored.
   */
  private Map<String, ? extends Set<String>> writersOfFlip(GoldenObject goldenObject,
      Verdict previous, ComplianceResult result, Map<String, Object> live) {
    if (live == null) {
      return Map.of(); // deleted: whoever did it left no managedFields entry
    }
    List<FieldDifference> flipped = result.compliant()
        ? previous == null ? List.of() : previous.result().differences()
        : result.differences();
    Map<String, Object> compared = ComplianceEvaluator
        .comparedDocument(goldenObject, result.customizations()).orElse(goldenObject.desired());
    return flipWriters.of(compared, flipped.stream().map(FieldDifference::pointer).toList(),
        live);
  }

  private void render(ComplianceResult result, EditWarState war) {
    ResourceRef ref = result.ref();
    String key = key(ref);
    List<String> labels = labels(ref);
    store.remove(TOMBSTONE_STATUS, key); // in case the document was a tombstone before
    store.put(COMPLIANCE_STATUS, key, List.of(new Sample(labels, result.compliant() ? 1 : 0)));
    store.put(DRIFTED_FIELDS, key, List.of(new Sample(labels, result.driftedFields())));
    store.put(CUSTOMIZATION_INFO, key, customizationSamples(result));
    store.put(THRASHING_TOTAL, key, List.of(new Sample(labels, war.episodes())));
    store.put(EDIT_WAR_ACTIVE, key, List.of(new Sample(labels, war.active() ? 1 : 0)));
    // Empty once the episode ends: the actors of a finished edit war are not current.
    store.put(EDIT_WAR_ACTOR_INFO, key, war.actors().keySet().stream()
        .map(manager -> new Sample(withLabel(labels, manager), 1)).toList());
    boolean paused = result.customizations().reconcilePaused();
    store.put(PAUSED_RESOURCES, key, List.of(new Sample(labels, paused ? 1 : 0)));
  }

  private static List<Sample> customizationSamples(ComplianceResult result) {
    List<String> base = labels(result.ref());
    return result.customizations().types().stream()
        .map(type -> new Sample(withLabel(base, type), 1))
        .toList();
  }

  private static List<String> withLabel(List<String> labels, String value) {
    List<String> all = new ArrayList<>(labels);
    all.add(value);
    return List.copyOf(all);
  }

  private void forget(ResourceRef ref) {
    editWars.forget(ref);
    verdicts.remove(ref);
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
