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

  private final SelfMetrics self;
  private final List<TrackedInformer> running = new CopyOnWriteArrayList<>();
  private final Set<String> published = new TreeSet<>();

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

  /** Publishes, per resource, whether all its informers are synced and watching. */
  public synchronized boolean publishSyncState() {
    Map<String, Boolean> byResource = new HashMap<>();
    for (TrackedInformer i : running) {
      byResource.merge(i.resource().qualifiedName(), i.synced() && i.watching(),
          Boolean::logicalAnd);
    }
    byResource.forEach(self::informerSynced);
    for (String gone : published) {
      if (!byResource.containsKey(gone)) self.forgetInformer(gone);
    }
    published.clear();
    published.addAll(byResource.keySet());
    return byResource.values().stream().allMatch(Boolean::booleanValue);
  }

  public Optional<TrackedInformer> find(WatchedResource resource, String scope) {
    return running.stream()
        .filter(i -> i.resource().equals(resource) && i.scope().equals(scope)).findFirst();
  }
}
