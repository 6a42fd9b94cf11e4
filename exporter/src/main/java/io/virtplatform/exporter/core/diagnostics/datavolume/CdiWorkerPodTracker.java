package io.virtplatform.exporter.core.diagnostics.datavolume;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.CDI_WORKER_POD_RESTARTS_TOTAL;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.CDI_WORKER_POD_WAITING;

import io.fabric8.kubernetes.api.model.Pod;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders the restart counter of every CDI worker pod, and a waiting series while one cannot run.
 * Worker pods live only while their DataVolume imports, uploads or clones, so there are few.
 */
final class CdiWorkerPodTracker {

  private final MetricStore store;
  private final Set<String> rendered = new HashSet<>();

  CdiWorkerPodTracker(MetricStore store) {
    this.store = store;
  }

  synchronized void changed(Pod pod) {
    String key = key(pod);
    if (!CdiWorkerPod.isWorker(pod)) {
      remove(key);
      return;
    }
    CdiWorkerPod worker = CdiWorkerPod.of(pod);
    store.put(CDI_WORKER_POD_RESTARTS_TOTAL, key,
        List.of(Sample.of(worker.restarts(), worker.namespace(), worker.name())));
    store.put(CDI_WORKER_POD_WAITING, key, worker.blockedReason()
        .map(reason -> List.of(Sample.of(1, worker.namespace(), worker.name(), reason)))
        .orElse(List.of()));
    rendered.add(key);
  }

  synchronized void deleted(Pod pod) {
    remove(key(pod));
  }

  synchronized void clear() {
    Set.copyOf(rendered).forEach(this::remove);
  }

  private void remove(String key) {
    if (rendered.remove(key)) {
      store.remove(CDI_WORKER_POD_RESTARTS_TOTAL, key);
      store.remove(CDI_WORKER_POD_WAITING, key);
    }
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "\u0000" + pod.getMetadata().getName();
  }
}
