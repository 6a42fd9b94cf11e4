package io.virtplatform.exporter.core.diagnostics.datavolume;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.DATAVOLUMES;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.DATAVOLUME_STUCK_AGE_SECONDS;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.virtplatform.exporter.core.diagnostics.Timestamps;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts DataVolumes per namespace and phase, and renders an age series for each DataVolume that
 * has not succeeded within {@code stuckAfter}: a series per DataVolume only while it is stuck, so
 * cardinality follows the problems, not the cluster's size.
 */
final class DataVolumeTracker {

  static final String SUCCEEDED = "Succeeded";
  /** CDI's PhaseUnset is the empty string, which Prometheus would read as no label at all. */
  static final String UNSET = "Unset";
  /**
   * Phases in which a DataVolume waits for its user, not for the platform: a consumer pod on a
   * WaitForFirstConsumer storage class, or the next stage of a paused multi-stage import.
   */
  static final Set<String> WAITING_FOR_USER =
      Set.of("WaitForFirstConsumer", "PendingPopulation", "Paused");

  private record Volume(String namespace, String name, String phase, Instant created) {

    String key() {
      return namespace + "\u0000" + name;
    }

    boolean mayBeStuck() {
      return !SUCCEEDED.equals(phase) && !WAITING_FOR_USER.contains(phase) && created != null;
    }
  }

  private final MetricStore store;
  private final Map<String, Volume> volumes = new HashMap<>();
  /** The volumes that are or may become stuck, so that the periodic re-check skips the rest. */
  private final Map<String, Volume> candidates = new HashMap<>();
  private final Map<String, Map<String, Integer>> countsByNamespace = new HashMap<>();
  private final Set<String> stuck = new HashSet<>();
  private Duration stuckAfter;

  DataVolumeTracker(MetricStore store, Duration stuckAfter) {
    this.store = store;
    this.stuckAfter = stuckAfter;
  }

  synchronized void configure(Duration newStuckAfter) {
    stuckAfter = newStuckAfter;
  }

  synchronized void changed(GenericKubernetesResource dataVolume, Instant now) {
    Volume volume = new Volume(dataVolume.getMetadata().getNamespace(),
        dataVolume.getMetadata().getName(), phaseOf(dataVolume),
        Timestamps.parse(dataVolume.getMetadata().getCreationTimestamp()));
    Volume previous = volumes.put(volume.key(), volume);
    if (volume.mayBeStuck()) {
      candidates.put(volume.key(), volume);
    } else {
      candidates.remove(volume.key());
    }
    if (previous == null || !previous.phase().equals(volume.phase())) {
      if (previous != null) {
        count(previous, -1);
      }
      count(volume, 1);
    }
    judge(volume, now);
  }

  synchronized void deleted(String namespace, String name) {
    Volume previous = volumes.remove(namespace + "\u0000" + name);
    if (previous != null) {
      candidates.remove(previous.key());
      count(previous, -1);
      unstick(previous.key());
    }
  }

  /** Re-renders the age of every DataVolume that may be stuck; volumes cross the threshold here. */
  synchronized void evaluate(Instant now) {
    candidates.values().forEach(v -> judge(v, now));
  }

  synchronized void clear() {
    countsByNamespace.keySet().forEach(ns -> store.remove(DATAVOLUMES, ns));
    countsByNamespace.clear();
    Set.copyOf(stuck).forEach(this::unstick);
    volumes.clear();
    candidates.clear();
  }

  private void judge(Volume volume, Instant now) {
    if (!volume.mayBeStuck()) {
      unstick(volume.key());
      return;
    }
    Duration age = Duration.between(volume.created(), now);
    if (age.compareTo(stuckAfter) <= 0) {
      unstick(volume.key());
      return;
    }
    store.put(DATAVOLUME_STUCK_AGE_SECONDS, volume.key(), List.of(
        Sample.of(age.getSeconds(), volume.namespace(), volume.name(), volume.phase())));
    stuck.add(volume.key());
  }

  private void unstick(String key) {
    if (stuck.remove(key)) {
      store.remove(DATAVOLUME_STUCK_AGE_SECONDS, key);
    }
  }

  private void count(Volume volume, int delta) {
    Map<String, Integer> counts =
        countsByNamespace.computeIfAbsent(volume.namespace(), ns -> new TreeMap<>());
    if (counts.merge(volume.phase(), delta, Integer::sum) <= 0) {
      counts.remove(volume.phase());
    }
    if (counts.isEmpty()) {
      countsByNamespace.remove(volume.namespace());
      store.remove(DATAVOLUMES, volume.namespace());
    } else {
      store.put(DATAVOLUMES, volume.namespace(), counts.entrySet().stream()
          .map(e -> Sample.of(e.getValue(), volume.namespace(), e.getKey())).toList());
    }
  }

  private static String phaseOf(GenericKubernetesResource dataVolume) {
    if (dataVolume.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        && status.get("phase") instanceof String phase && !phase.isEmpty()) {
      return phase;
    }
    return UNSET;
  }
}
