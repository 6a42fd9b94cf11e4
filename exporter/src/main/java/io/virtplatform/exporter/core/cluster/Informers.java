package io.virtplatform.exporter.core.cluster;

import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
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
  /** Shared units created in the current round, started when it ends; see {@link #share}. */
  private final Map<Object, SharedUnit> joinable = new HashMap<>();
  private int rounds;

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
    TrackedInformer tracked = register(resource, scope, informer, handler);
    launch(tracked, onSynced);
    return tracked;
  }

  /**
   * Adds {@code handler} to the unit that another caller in the same {@link #inOneRound round}
   * shares under {@code key}, or creates the unit with {@code informer} and registers it as
   * {@link #start} does. {@code key} must tell apart everything that makes two informers list
   * different objects: resource, version, scope and selectors. A shared unit starts when the round
   * ends, so every handler sees its first list as adds; outside a round, or once the unit has
   * started, the caller gets a unit of its own: fabric8 replays to a handler added later only what
   * the store keeps, and a {@link KeyVersionStore} keeps no more than keys.
   */
  public <T> Share share(Object key, WatchedResource resource, String scope,
      Supplier<SharedIndexInformer<T>> informer, ResourceEventHandler<? super T> handler) {
    SharedUnit unit;
    boolean launchNow;
    synchronized (this) {
      launchNow = rounds == 0;
      unit = launchNow ? null : joinable.get(key);
      if (unit == null) {
        unit = new SharedUnit();
        unit.tracked = register(resource, scope, informer.get(), unit);
        if (!launchNow) {
          joinable.put(key, unit);
        }
      }
      unit.handlers.add(handler);
    }
    if (launchNow) {
      launch(unit.tracked, () -> {});
    }
    return new Share(unit, handler);
  }

  /**
   * Runs {@code round}, starting the units it {@link #share shares} when it ends: the checks that
   * start watches in one round (one config applied, one tick) share one list and watch per
   * resource.
   */
  public void inOneRound(Runnable round) {
    synchronized (this) {
      rounds++;
    }
    try {
      round.run();
    } finally {
      List<SharedUnit> due = new ArrayList<>();
      synchronized (this) {
        if (--rounds == 0) {
          due.addAll(joinable.values());
          joinable.clear();
        }
      }
      due.forEach(u -> launch(u.tracked, () -> {}));
    }
  }

  private <T> TrackedInformer register(WatchedResource resource, String scope,
      SharedIndexInformer<T> informer, ResourceEventHandler<? super T> handler) {
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
    return tracked;
  }

  private void launch(TrackedInformer tracked, Runnable onSynced) {
    SharedIndexInformer<?> informer = tracked.informer();
    // Pending until onSynced has run: what it queues is part of what readiness waits for.
    informer.start().thenRun(onSynced).whenComplete((done, failure) -> {
      if (failure != null && informer.hasSynced()) {
        LOG.warn("Handling the first list of {} failed", quote(tracked.describe()), failure);
      }
      tracked.firstListHandled();
      anySynced.run();
    });
  }

  public <T> TrackedInformer start(WatchedResource resource, String scope,
      SharedIndexInformer<T> informer, ResourceEventHandler<? super T> handler) {
    return start(resource, scope, informer, handler, () -> {});
  }

  public void stop(TrackedInformer tracked) {
    running.remove(tracked);
    tracked.informer().stop();
  }

  /** One handler's hold on a unit from {@link #share}; the unit stops with its last hold. */
  public final class Share {

    private final SharedUnit unit;
    private final ResourceEventHandler<?> handler;
    private boolean released;

    private Share(SharedUnit unit, ResourceEventHandler<?> handler) {
      this.unit = unit;
      this.handler = handler;
    }

    /**
     * Takes the handler off the unit, and stops the unit if no other handler holds it. An event
     * being delivered may still reach the handler; {@code StoppableHandler} guards against that.
     */
    public void release() {
      synchronized (Informers.this) {
        if (released) {
          return;
        }
        released = true;
        unit.handlers.remove(handler);
        if (!unit.handlers.isEmpty()) {
          return;
        }
        joinable.values().remove(unit);
      }
      stop(unit.tracked);
    }
  }

  /** The handlers of a shared unit, each given every event of its one informer. */
  private static final class SharedUnit implements ResourceEventHandler<Object> {

    final List<ResourceEventHandler<?>> handlers = new CopyOnWriteArrayList<>();
    TrackedInformer tracked;

    @SuppressWarnings("unchecked") // share() callers under one key pass one informer type
    private List<ResourceEventHandler<Object>> each() {
      return (List<ResourceEventHandler<Object>>) (List<?>) handlers;
    }

    @Override
    public void onAdd(Object obj) {
      each().forEach(h -> h.onAdd(obj));
    }

    @Override
    public void onUpdate(Object oldObj, Object newObj) {
      each().forEach(h -> h.onUpdate(oldObj, newObj));
    }

    @Override
    public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
      each().forEach(h -> h.onDelete(obj, deletedFinalStateUnknown));
    }
  }

  public void stopAll() {
    running.forEach(t -> t.informer().stop());
    running.clear();
    synchronized (this) {
      joinable.clear();
    }
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
