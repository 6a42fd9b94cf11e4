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

  /**
   * A DataVolume's namespace and name; the namespace interned, as the tracker keeps one such key
   * per DataVolume of the cluster.
   */
  private record VolumeKey(String namespace, String name) {

    VolumeKey {
      namespace = namespace == null ? null : namespace.intern();
    }

    /** Namespace first, so that the stuck series sort by namespace. */
    String seriesKey() {
      return namespace + "\u0000" + name;
    }
  }

  /**
   * What is kept of a DataVolume: its phase (interned: a handful of values) and, only while the
   * phase may become stuck, its creation time, so that the usual Succeeded volume costs no
   * timestamp.
   */
  private record Volume(VolumeKey key, String phase, Instant created) {

    static Volume of(VolumeKey key, String phase, Instant created) {
      boolean waits = SUCCEEDED.equals(phase) || WAITING_FOR_USER.contains(phase);
      return new Volume(key, phase.intern(), waits ? null : created);
    }

    boolean mayBeStuck() {
      return created != null;
    }
  }

  private final MetricStore store;
  private final Map<VolumeKey, Volume> volumes = new HashMap<>();
  /** The volumes that are or may become stuck, so that the periodic re-check skips the rest. */
  private final Map<VolumeKey, Volume> candidates = new HashMap<>();
  private final Map<String, Map<String, Integer>> countsByNamespace = new HashMap<>();
  private final Set<VolumeKey> stuck = new HashSet<>();
  private Duration stuckAfter;

  DataVolumeTracker(MetricStore store, Duration stuckAfter) {
    this.store = store;
    this.stuckAfter = stuckAfter;
  }

  synchronized void configure(Duration newStuckAfter) {
    stuckAfter = newStuckAfter;
  }

  synchronized void changed(GenericKubernetesResource dataVolume, Instant now) {
    VolumeKey key = new VolumeKey(dataVolume.getMetadata().getNamespace(),
        dataVolume.getMetadata().getName());
    Volume previous = volumes.get(key);
    // The key already kept, so that the maps share one instance per DataVolume.
    Volume volume = Volume.of(previous == null ? key : previous.key(), phaseOf(dataVolume),
        Timestamps.parse(dataVolume.getMetadata().getCreationTimestamp()));
    volumes.put(volume.key(), volume);
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
    Volume previous = volumes.remove(new VolumeKey(namespace, name));
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
    store.put(DATAVOLUME_STUCK_AGE_SECONDS, volume.key().seriesKey(), List.of(Sample.of(
        age.getSeconds(), volume.key().namespace(), volume.key().name(), volume.phase())));
    stuck.add(volume.key());
  }

  private void unstick(VolumeKey key) {
    if (stuck.remove(key)) {
      store.remove(DATAVOLUME_STUCK_AGE_SECONDS, key.seriesKey());
    }
  }

  private void count(Volume volume, int delta) {
    Map<String, Integer> counts =
        countsByNamespace.computeIfAbsent(volume.key().namespace(), ns -> new TreeMap<>());
    if (counts.merge(volume.phase(), delta, Integer::sum) <= 0) {
      counts.remove(volume.phase());
    }
    if (counts.isEmpty()) {
      countsByNamespace.remove(volume.key().namespace());
      store.remove(DATAVOLUMES, volume.key().namespace());
    } else {
      store.put(DATAVOLUMES, volume.key().namespace(), counts.entrySet().stream()
          .map(e -> Sample.of(e.getValue(), volume.key().namespace(), e.getKey())).toList());
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
