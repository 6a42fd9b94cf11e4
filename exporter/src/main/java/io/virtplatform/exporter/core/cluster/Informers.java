package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts informers and keeps account of them: every informer the exporter runs goes through here,
 * so its watch errors are counted, its sync state is published as
 * {@code virt_platform_exporter_informer_synced}, and readiness waits for it.
 */
public final class Informers {

  private static final Logger LOG = LoggerFactory.getLogger(Informers.class);

  private static final int TICKS_PER_RECOUNT = 60;

  private final SelfMetrics self;
  private final List<TrackedInformer> running = new CopyOnWriteArrayList<>();
  private final Set<String> published = new TreeSet<>();
  private final Map<TrackedInformer, Integer> ticksNotWatching = new HashMap<>();

  public Informers(SelfMetrics self) {
    this.self = self;
  }

  /**
   * Registers {@code handler}, starts {@code informer} and runs {@code onSynced} once its first
   * list is complete. {@code scope} (a namespace, or empty) only names the informer in messages.
   */
  public <T> TrackedInformer start(WatchedResource resource, String scope,
      SharedIndexInformer<T> informer, ResourceEventHandler<? super T> handler,
      Runnable onSynced) {
    String name = resource.qualifiedName();
    informer.addEventHandler(handler);
    informer.exceptionHandler((started, t) -> {
      self.watchError(name);
      LOG.warn("Watch of {}{} failed, retrying: {}", name, scope.isEmpty() ? "" : " in " + scope,
          t.toString());
      return true;
    });
    TrackedInformer tracked = new TrackedInformer(resource, scope, informer);
    running.add(tracked);
    informer.start().thenRun(onSynced);
    return tracked;
  }

  public <T> TrackedInformer start(WatchedResource resource, String scope,
      SharedIndexInformer<T> informer, ResourceEventHandler<? super T> handler) {
    return start(resource, scope, informer, handler, () -> {});
  }

  public void stop(TrackedInformer tracked) {
    running.remove(tracked);
    tracked.informer().stop();
  }

  public void stopAll() {
    running.forEach(t -> t.informer().stop());
    running.clear();
  }

  /** The informers that have not completed their first list, described for /readyz. */
  public List<String> notSynced() {
    return running.stream().filter(i -> !i.synced()).map(TrackedInformer::describe).sorted()
        .toList();
  }

  /**
   * Publishes, per resource, whether all its informers are synced and watching, and counts a
   * watch error for each synced informer that has lost its watch. The client reconnects lost
   * watches by itself without reporting them, so a lost watch is only visible here; a watch must
   * stay lost for two ticks to count, which ignores the routine reconnect after a watch timeout,
   * and counts again every minute it stays lost, so the counter keeps rising during an outage.
   */
  public synchronized boolean publishSyncState() {
    Map<String, Boolean> byResource = new HashMap<>();
    ticksNotWatching.keySet().retainAll(running);
    for (TrackedInformer i : running) {
      boolean healthy = i.synced() && i.watching();
      byResource.merge(i.resource().qualifiedName(), healthy, Boolean::logicalAnd);
      countLostWatch(i, healthy);
    }
    byResource.forEach(self::informerSynced);
    for (String gone : published) {
      if (!byResource.containsKey(gone)) self.forgetInformer(gone);
    }
    published.clear();
    published.addAll(byResource.keySet());
    return byResource.values().stream().allMatch(Boolean::booleanValue);
  }

  private void countLostWatch(TrackedInformer informer, boolean healthy) {
    if (healthy || !informer.synced()) {
      ticksNotWatching.remove(informer);
      return;
    }
    int ticks = ticksNotWatching.merge(informer, 1, Integer::sum);
    if (ticks == 2 || (ticks > 2 && (ticks - 2) % TICKS_PER_RECOUNT == 0)) {
      self.watchError(informer.resource().qualifiedName());
      LOG.warn("Lost the watch of {}; the client is reconnecting", informer.describe());
    }
  }

  /** The running informer of a resource in a scope (a namespace, or empty), if any. */
  public Optional<TrackedInformer> find(WatchedResource resource, String scope) {
    return running.stream()
        .filter(i -> i.resource().equals(resource) && i.scope().equals(scope)).findFirst();
  }
}
