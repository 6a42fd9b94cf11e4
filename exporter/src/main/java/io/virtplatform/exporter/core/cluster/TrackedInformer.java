package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One watch unit: an informer of one resource in one scope (a namespace, or empty for
 * cluster-wide), with its own sync and failure state. A unit that cannot be read is reported on
 * its own, and nothing else waits for it: a 403; or a first list that failed
 * {@link #FAILURES_UNTIL_UNREADABLE} times in a row; or one that failed and has still not
 * succeeded {@link #UNREADABLE_AFTER} after the start (the client backs off between attempts, up
 * to minutes when the server refuses connections).
 */
public final class TrackedInformer {

  /** Failed first lists after which a unit counts as unreadable rather than still syncing. */
  static final int FAILURES_UNTIL_UNREADABLE = 3;
  static final Duration UNREADABLE_AFTER = Duration.ofSeconds(30);

  private final WatchedResource resource;
  private final String scope;
  private final SharedIndexInformer<?> informer;
  private final long startedNanos = System.nanoTime();
  private int failuresBeforeSync;
  private String lastFailure;
  private String unreadableReason;
  private volatile long lastActivityNanos = System.nanoTime();
  private String lastResourceVersion;
  private boolean sawQuietActivity;
  private long eventsAtLastCheck;
  private volatile long events;
  private volatile boolean firstListHandled;

  TrackedInformer(WatchedResource resource, String scope, SharedIndexInformer<?> informer) {
    this.resource = resource;
    this.scope = scope;
    this.informer = informer;
  }

  public WatchedResource resource() {
    return resource;
  }

  public String scope() {
    return scope;
  }

  public SharedIndexInformer<?> informer() {
    return informer;
  }

  public boolean synced() {
    return informer.hasSynced();
  }

  boolean watching() {
    return informer.isWatching();
  }

  /**
   * Why the unit cannot be read, such as {@code "cannot be read: forbidden"}; empty while it is
   * readable or still trying its first lists. Cleared once the unit syncs.
   */
  public synchronized Optional<String> unreadableReason() {
    return synced() ? Optional.empty() : Optional.ofNullable(unreadableReason);
  }

  /**
   * Neither synced (with its first list handed to the informer's {@code onSynced}) nor given up
   * on: readiness waits for it.
   */
  synchronized boolean pending() {
    return !(synced() && firstListHandled) && unreadableReason == null;
  }

  /** The first list is in the store and the informer's {@code onSynced} has run. */
  void firstListHandled() {
    firstListHandled = true;
  }

  /**
   * Records a failed list or watch; returns true when this failure made the unit unreadable, so
   * that the caller says so once.
   */
  synchronized boolean failed(Throwable t) {
    if (synced()) {
      return false;
    }
    failuresBeforeSync++;
    int code = httpCode(t);
    boolean forbidden = code == HttpURLConnection.HTTP_FORBIDDEN
        || code == HttpURLConnection.HTTP_UNAUTHORIZED;
    String reason = forbidden
        ? "cannot be read: forbidden"
        : failuresBeforeSync >= FAILURES_UNTIL_UNREADABLE ? "cannot be read: " + summary(t) : null;
    lastFailure = summary(t);
    boolean becameUnreadable = reason != null && unreadableReason == null;
    if (reason != null) {
      unreadableReason = reason;
    }
    return becameUnreadable;
  }

  /**
   * Gives up waiting for a unit whose first list failed and that has not synced
   * {@code unreadableAfterNanos} after its start; returns true when this made it unreadable.
   */
  synchronized boolean overdue(long nowNanos, long unreadableAfterNanos) {
    if (synced() || unreadableReason != null || failuresBeforeSync == 0
        || nowNanos - startedNanos < unreadableAfterNanos) {
      return false;
    }
    unreadableReason = "cannot be read: " + lastFailure;
    return true;
  }

  boolean forbidden() {
    return "cannot be read: forbidden".equals(unreadableReason);
  }

  /** Called with every event the informer delivers. */
  void eventDelivered() {
    events++;
    lastActivityNanos = System.nanoTime();
  }

  /**
   * Whether the watch has been silent for longer than {@code quietLimitNanos} although the server
   * is known to send bookmarks on it: with bookmarks, silence means a dead connection. A change
   * of the informer's resource version without an event is a bookmark.
   */
  synchronized boolean silent(long nowNanos, long quietLimitNanos) {
    String rv = informer.lastSyncResourceVersion();
    long seen = events;
    if (!Objects.equals(rv, lastResourceVersion)) {
      if (seen == eventsAtLastCheck && lastResourceVersion != null) {
        sawQuietActivity = true; // a bookmark
      }
      lastResourceVersion = rv;
      lastActivityNanos = nowNanos;
    }
    eventsAtLastCheck = seen;
    return sawQuietActivity && nowNanos - lastActivityNanos > quietLimitNanos;
  }

  String describe() {
    return scope.isEmpty() ? resource.qualifiedName() : resource.qualifiedName() + " in " + scope;
  }

  /** The HTTP status the API server answered, found anywhere in the cause chain; 0 if none. */
  private static int httpCode(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof KubernetesClientException k && k.getCode() > 0) {
        return k.getCode();
      }
    }
    return 0;
  }

  /** A short reason, without the request URL and the full Status the client puts in messages. */
  private static String summary(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof KubernetesClientException k && k.getCode() > 0) {
        return "HTTP " + k.getCode() + (k.getStatus() != null && k.getStatus().getReason() != null
            ? " " + k.getStatus().getReason() : "");
      }
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  @Override
  public String toString() {
    return describe();
  }
}
