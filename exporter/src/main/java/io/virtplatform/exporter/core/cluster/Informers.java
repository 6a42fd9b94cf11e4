package io.virtplatform.exporter.core.cluster;

import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.time.Duration;
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
 * Starts watch units and keeps account of them: every informer the exporter runs goes through
 * here, so its watch errors are counted, its state is published as
 * {@code virt_platform_exporter_informer_synced}, and readiness waits for it until it has synced
 * or has been found unreadable.
 */
public final class Informers {

  private static final Logger LOG = LoggerFactory.getLogger(Informers.class);

  private static final int TICKS_PER_RECOUNT = 60;
  /**
   * How long a watch on which the server has sent bookmarks may stay silent before it counts as
   * not watching. fabric8's informers ask for bookmarks ({@code allowWatchBookmarks=true}), and
   * API servers send one about once a minute.
   */
  public static final Duration QUIET_LIMIT = Duration.ofMinutes(3);

  private final SelfMetrics self;
  private final long quietLimitNanos;
  private final Runnable anySynced;
  private final List<TrackedInformer> running = new CopyOnWriteArrayList<>();
  private final Set<String> published = new TreeSet<>();
  private final Map<TrackedInformer, Integer> ticksNotWatching = new HashMap<>();

  /**
   * @param anySynced runs, on the client's thread, after any informer's first list and its own
   *     {@code onSynced}: readiness is decided then, not at the next tick
   */
  public Informers(SelfMetrics self, Runnable anySynced) {
    this(self, QUIET_LIMIT, anySynced);
  }

  public Informers(SelfMetrics self, Duration quietLimit, Runnable anySynced) {
    this.self = self;
    this.quietLimitNanos = quietLimit.toNanos();
    this.anySynced = anySynced;
  }

  /**
   * Registers {@code handler}, starts {@code informer} and runs {@code onSynced} once its first
   * list is complete. {@code scope} (a namespace, or empty) only names the informer in messages.
   * The informer's series exist, at 0, from here on.
   */
  public <T> TrackedInformer start(WatchedResource resource, String scope,
      SharedIndexInformer<T> informer, ResourceEventHandler<? super T> handler,
      Runnable onSynced) {
    TrackedInformer tracked = new TrackedInformer(resource, scope, informer);
    informer.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        tracked.eventDelivered();
        handler.onAdd(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        tracked.eventDelivered();
        handler.onUpdate(oldObj, newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        tracked.eventDelivered();
        handler.onDelete(obj, deletedFinalStateUnknown);
      }
    });
    informer.exceptionHandler((started, t) -> {
      self.watchError(resource.qualifiedName());
      if (tracked.failed(t)) {
        logUnreadable(tracked, String.valueOf(t));
      } else {
        LOG.warn("Watch of {} failed, retrying: {}", quote(tracked.describe()),
            quote(t.toString()));
      }
      // Keep retrying with the client's back-off: a grant or a recovered server heals the unit.
      return true;
    });
    running.add(tracked);
    synchronized (this) {
      if (published.add(resource.qualifiedName())) {
        self.informerSynced(resource.qualifiedName(), false);
      }
    }
    // Pending until onSynced has run: what it queues is part of what readiness waits for.
    informer.start().thenRun(onSynced).whenComplete((done, failure) -> {
      if (failure != null && informer.hasSynced()) {
        LOG.warn("Handling the first list of {} failed", quote(tracked.describe()), failure);
      }
      tracked.firstListHandled();
      anySynced.run();
    });
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

  /** The units readiness waits for: neither synced nor found unreadable, described for /readyz. */
  public List<String> pending() {
    return running.stream().filter(TrackedInformer::pending).map(TrackedInformer::describe)
        .sorted().toList();
  }

  /**
   * Publishes, per resource, whether all its units are synced and watching, and counts a watch
   * error for each synced unit that has lost its watch. A unit counts as not watching when the
   * API server does not answer ({@code apiReachable} false; a hung server keeps connections open,
   * so the client still thinks it is watching) or when its watch went silent although the server
   * sends bookmarks on it. The client reconnects lost watches by itself without reporting them,
   * so a lost watch is only visible here; it must stay lost for two ticks to count, which ignores
   * the routine reconnect after a watch timeout, and counts again every minute it stays lost, so
   * the counter keeps rising during an outage.
   *
   * @return whether every readable unit is watching and the API server answers: the data is
   *     current. Units found unreadable are left out; they are reported on their own.
   */
  public synchronized boolean publishSyncState(boolean apiReachable) {
    return publish(apiReachable, true);
  }

  /**
   * Publishes as {@link #publishSyncState} does, between two ticks (when the last informer has
   * just synced): without the per-tick accounting, which gives up on overdue units and counts a
   * watch lost for two ticks.
   */
  public synchronized boolean publishSyncStateNow(boolean apiReachable) {
    return publish(apiReachable, false);
  }

  private boolean publish(boolean apiReachable, boolean tick) {
    Map<String, Boolean> byResource = new HashMap<>();
    ticksNotWatching.keySet().retainAll(running);
    long now = System.nanoTime();
    boolean current = apiReachable;
    for (TrackedInformer i : running) {
      if (tick && i.overdue(now, TrackedInformer.UNREADABLE_AFTER.toNanos())) {
        logUnreadable(i, i.unreadableReason().orElse(""));
      }
      boolean silent = i.synced() && i.silent(now, quietLimitNanos);
      boolean healthy = apiReachable && i.synced() && i.watching() && !silent;
      byResource.merge(i.resource().qualifiedName(), healthy, Boolean::logicalAnd);
      if (tick) {
        countLostWatch(i, healthy);
      }
      if (!healthy && i.unreadableReason().isEmpty()) {
        current = false;
      }
    }
    byResource.forEach(self::informerSynced);
    for (String gone : published) {
      if (!byResource.containsKey(gone)) self.forgetInformer(gone);
    }
    published.clear();
    published.addAll(byResource.keySet());
    return current;
  }

  private void countLostWatch(TrackedInformer informer, boolean healthy) {
    if (healthy || !informer.synced()) {
      ticksNotWatching.remove(informer);
      return;
    }
    int ticks = ticksNotWatching.merge(informer, 1, Integer::sum);
    if (ticks == 2 || (ticks > 2 && (ticks - 2) % TICKS_PER_RECOUNT == 0)) {
      self.watchError(informer.resource().qualifiedName());
      LOG.warn("Lost the watch of {}; the client is reconnecting", quote(informer.describe()));
    }
  }

  /** The running informer of a resource in a scope (a namespace, or empty), if any. */
  public Optional<TrackedInformer> find(WatchedResource resource, String scope) {
    return running.stream()
        .filter(i -> i.resource().equals(resource) && i.scope().equals(scope)).findFirst();
  }

  /** Says once, at ERROR, what to grant or fix; the unit keeps retrying meanwhile. */
  private static void logUnreadable(TrackedInformer unit, String failure) {
    WatchedResource r = unit.resource();
    if (unit.forbidden()) {
      String where = unit.scope().isEmpty()
          ? "the exporter's ClusterRole (cluster-wide)"
          : "a Role in namespace " + quote(unit.scope()) + " bound to the exporter";
      LOG.error("The exporter may not list and watch {}: grant get, list and watch on resource {}"
              + " in API group {} through {}. Until then informer_synced{resource={}} is 0 and"
              + " its managed objects report compliance 0 (\"cannot be read: forbidden\"); the"
              + " exporter keeps retrying.",
          quote(unit.describe()), quote(r.resource()), quote(r.group()), where,
          quote(r.qualifiedName()));
    } else {
      LOG.error("Cannot list {} ({}); readiness no longer waits for it and it is reported as"
              + " unreadable until a list succeeds. Check that the API server serves it and that"
              + " the exporter can reach the API server.",
          quote(unit.describe()), quote(failure));
    }
  }
}
