package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.diff.Documents;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.core.series.ManagedResourceTracker;
import io.virtplatform.exporter.core.series.Observation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ManagedResourceTracker} fed with golden and live documents written as YAML, every kind
 * synced, and the drift explainer over it: the path the exporter takes, without a cluster.
 */
public final class TrackedResources {

  /** The live objects, as the watch units' stores would hold them; absent until {@link #live}. */
  private final Map<ResourceRef, Map<String, Object>> live = new ConcurrentHashMap<>();
  private final EditWarDetector editWars =
      new EditWarDetector(EditWarSettings.DEFAULT, Clock.systemUTC());
  private final ManagedResourceTracker tracker = new ManagedResourceTracker(
      MetricStore.forCatalog(), new ComplianceEvaluator(), editWars, new FieldWriters(),
      ref -> live.containsKey(ref) ? new Observation.Present(live.get(ref)) : Observation.ABSENT);
  private final DriftExplainer explainer =
      new DriftExplainer(tracker::judgements, editWars::active, List::of);

  private TrackedResources() {
    tracker.onJudgement(explainer::observe);
  }

  /** Manages these golden documents; until {@link #live} says otherwise, none exists. */
  public static TrackedResources golden(String... documents) {
    return golden(Arrays.stream(documents).map(Documents::yaml)
        .<Map<String, Object>>toArray(Map[]::new));
  }

  /** The live object as the watcher would report it. */
  public TrackedResources live(String document) {
    return live(Documents.yaml(document));
  }

  /** The live object as the watcher would report it. */
  public TrackedResources live(Map<String, Object> document) {
    live.put(ref(document), document);
    tracker.evaluate(ref(document));
    return this;
  }

  /** Manages these golden documents, already parsed. */
  @SafeVarargs
  public static TrackedResources golden(Map<String, Object>... documents) {
    TrackedResources resources = new TrackedResources();
    GoldenState state = new GoldenState(Arrays.stream(documents)
        .map(doc -> new GoldenObject(ref(doc), doc, new SourceLocation(Path.of("golden.yaml"), 1)))
        .toList());
    resources.tracker.goldenStateChanged(state);
    state.objects().forEach(o -> resources.tracker.evaluate(o.ref()));
    return resources;
  }

  public DriftReport explain() {
    return explainer.explain();
  }

  private static ResourceRef ref(Map<String, Object> doc) {
    Map<?, ?> metadata = (Map<?, ?>) doc.get("metadata");
    return new ResourceRef(
        GroupVersionKind.of((String) doc.get("apiVersion"), (String) doc.get("kind")),
        (String) metadata.get("namespace"), (String) metadata.get("name"));
  }
}
