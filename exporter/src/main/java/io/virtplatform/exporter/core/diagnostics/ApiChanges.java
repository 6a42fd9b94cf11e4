package io.virtplatform.exporter.core.diagnostics;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.cluster.WatchedResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a check when to resolve again the kinds it depends on: after any change to a CRD or an
 * APIService (seen through the cluster view's own informers, so no extra watch), and otherwise
 * every {@code period}, which catches what those watches cannot see (an aggregated API server
 * that starts or stops answering). Resolving costs a discovery request per kind, so a check must
 * not do it per event.
 */
public final class ApiChanges implements AutoCloseable {

  /** How often a check re-resolves its kinds when no CRD or APIService change says so. */
  public static final Duration RECHECK_PERIOD = Duration.ofMinutes(1);

  private final Clock clock;
  private final Duration period;
  private final AtomicBoolean changed = new AtomicBoolean(true);
  private final List<Runnable> detachers = new ArrayList<>();
  private Instant lastRecheck = Instant.MIN;

  private ApiChanges(Clock clock, Duration period) {
    this.clock = clock;
    this.period = period;
  }

  /** {@link #watch(Informers, Clock, Duration)} with the usual {@link #RECHECK_PERIOD}. */
  public static ApiChanges watch(Informers informers, Clock clock) {
    return watch(informers, clock, RECHECK_PERIOD);
  }

  /** Listens to the CRD and APIService informers that {@code informers} already runs. */
  public static ApiChanges watch(Informers informers, Clock clock, Duration period) {
    ApiChanges changes = new ApiChanges(clock, period);
    informers.find(WatchedResources.CRDS, "").ifPresent(t -> changes.attach(t.informer()));
    informers.find(WatchedResources.API_SERVICES, "").ifPresent(t -> changes.attach(t.informer()));
    return changes;
  }

  private <T> void attach(SharedIndexInformer<T> informer) {
    ResourceEventHandler<T> handler = EventHandlers.onAny(() -> changed.set(true));
    informer.addEventHandler(handler);
    detachers.add(() -> informer.removeEventHandler(handler));
  }

  /**
   * True, once, when an API changed since the last true answer or {@code period} has passed; also
   * on the first call.
   */
  public synchronized boolean recheckDue() {
    Instant now = clock.instant();
    boolean due = changed.getAndSet(false) || !now.isBefore(lastRecheck.plus(period));
    if (due) {
      lastRecheck = now;
    }
    return due;
  }

  @Override
  public void close() {
    detachers.forEach(Runnable::run);
    detachers.clear();
  }
}
