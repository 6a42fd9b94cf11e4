package io.virtplatform.exporter.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A watch unit's own failure and liveness state, with an informer whose answers the test sets. */
class TrackedInformerTest {

  private static final long LIMIT = TimeUnit.MINUTES.toNanos(3);

  private volatile String resourceVersion = "1";
  private volatile boolean synced;

  @SuppressWarnings("unchecked")
  private final SharedIndexInformer<Object> informer = (SharedIndexInformer<Object>)
      Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {SharedIndexInformer.class}, (proxy, method, args) ->
              switch (method.getName()) {
                case "lastSyncResourceVersion" -> resourceVersion;
                case "hasSynced" -> synced;
                case "isWatching" -> synced;
                default -> throw new UnsupportedOperationException(method.getName());
              });
  private final TrackedInformer unit =
      new TrackedInformer(new WatchedResource("", "configmaps"), "rec", informer);

  private static KubernetesClientException http(int code, String reason) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withReason(reason)
        .withMessage("recorded").build());
  }

  @Test
  void pendingUntilTheFirstListIsBothSyncedAndHandedOn() {
    assertThat(unit.pending()).isTrue();
    synced = true;
    assertThat(unit.pending()).as("synced, its onSynced not run yet").isTrue();
    unit.firstListHandled();
    assertThat(unit.pending()).isFalse();
  }

  @Test
  void aForbiddenListMakesTheUnitUnreadableAtOnceWhereverTheClientWrapsIt() {
    assertThat(unit.pending()).isTrue();
    assertThat(unit.failed(new CompletionException(http(403, "Forbidden")))).isTrue();
    assertThat(unit.unreadableReason()).contains("cannot be read: forbidden");
    assertThat(unit.pending()).isFalse();
    assertThat(unit.failed(http(403, "Forbidden"))).as("said once").isFalse();
  }

  @Test
  void otherFailuresMakeItUnreadableOnlyAfterThreeInARow() {
    Exception refused = new KubernetesClientException("list failed", new ConnectException("refused"));
    assertThat(unit.failed(refused)).isFalse();
    assertThat(unit.failed(refused)).isFalse();
    assertThat(unit.pending()).isTrue();
    assertThat(unit.failed(refused)).isTrue();
    assertThat(unit.unreadableReason()).contains("cannot be read: ConnectException: refused");
  }

  @Test
  void aFailedUnitStillNotListed30sAfterItsStartIsGivenUpOnOnce() {
    long limit = TrackedInformer.UNREADABLE_AFTER.toNanos();
    long now = System.nanoTime();
    assertThat(unit.overdue(now + 2 * limit, limit)).as("no failure: a slow list").isFalse();
    unit.failed(new KubernetesClientException("list failed", new ConnectException("refused")));
    assertThat(unit.overdue(now, limit)).as("too early").isFalse();
    assertThat(unit.pending()).isTrue();
    assertThat(unit.overdue(now + 2 * limit, limit)).isTrue();
    assertThat(unit.unreadableReason()).contains("cannot be read: ConnectException: refused");
    assertThat(unit.overdue(now + 3 * limit, limit)).as("said once").isFalse();
  }

  @Test
  void aSyncedUnitIsReadableAgainAndIgnoresLaterFailures() {
    unit.failed(http(403, "Forbidden"));
    synced = true;
    assertThat(unit.unreadableReason()).isEmpty();
    assertThat(unit.failed(http(500, "InternalError"))).isFalse();
    assertThat(unit.pending()).isFalse();
  }

  @Test
  void silenceCountsOnlyOnWatchesThatHaveSentBookmarks() {
    synced = true;
    long now = System.nanoTime();
    assertThat(unit.silent(now, LIMIT)).isFalse();
    assertThat(unit.silent(now + 2 * LIMIT, LIMIT))
        .as("a server without bookmarks may be quiet for ever").isFalse();

    resourceVersion = "2"; // changed without an event: a bookmark
    long bookmarkAt = now + 3 * LIMIT;
    assertThat(unit.silent(bookmarkAt, LIMIT)).isFalse();
    assertThat(unit.silent(bookmarkAt + LIMIT / 2, LIMIT)).isFalse();
    assertThat(unit.silent(bookmarkAt + LIMIT + 1, LIMIT)).as("silent past the limit").isTrue();

    resourceVersion = "3";
    assertThat(unit.silent(bookmarkAt + LIMIT + 2, LIMIT)).as("activity again").isFalse();
  }
}
