package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvaluationQueueTest {

  private static final GroupVersionKind CM = new GroupVersionKind("", "v1", "ConfigMap");
  private static final ResourceRef SLOW = new ResourceRef(CM, "ns", "slow");
  private static final ResourceRef FAST = new ResourceRef(CM, "ns", "fast");

  private final Map<ResourceRef, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private final AtomicInteger concurrentSlow = new AtomicInteger();
  private final AtomicInteger maxConcurrentSlow = new AtomicInteger();
  private final AtomicInteger drains = new AtomicInteger();
  private final EvaluationQueue queue = new EvaluationQueue(evaluation(), drains::incrementAndGet);

  @AfterEach
  void stop() {
    release.countDown();
    queue.close();
  }

  private Consumer<ResourceRef> evaluation() {
    return ref -> {
      runs.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
      if (ref.equals(SLOW)) {
        maxConcurrentSlow.accumulateAndGet(concurrentSlow.incrementAndGet(), Math::max);
        slowStarted.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        concurrentSlow.decrementAndGet();
      }
    };
  }

  private int runsOf(ResourceRef ref) {
    return runs.getOrDefault(ref, new AtomicInteger()).get();
  }

  @Test
  void aSlowObjectHoldsUpOnlyItself() throws InterruptedException {
    queue.submit(SLOW);
    assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
    queue.submit(FAST);
    await(() -> assertThat(runsOf(FAST)).isEqualTo(1));
    assertThat(runsOf(SLOW)).as("still running").isEqualTo(1);
  }

  @Test
  void eventsDuringAnEvaluationCoalesceIntoOneMoreAndNeverRunConcurrently()
      throws InterruptedException {
    queue.submit(SLOW);
    assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 100; i++) {
      queue.submit(SLOW);
    }
    release.countDown();
    await(() -> assertThat(runsOf(SLOW)).isEqualTo(2));
    Thread.sleep(200);
    assertThat(runsOf(SLOW)).as("100 events while running became one more run").isEqualTo(2);
    assertThat(maxConcurrentSlow.get()).isEqualTo(1);
  }

  @Test
  void anEvaluationThatThrowsDoesNotStopTheQueue() {
    EvaluationQueue failing = new EvaluationQueue(ref -> {
      runs.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
      throw new IllegalStateException("boom");
    }, () -> { });
    try {
      failing.submit(FAST);
      await(() -> assertThat(runsOf(FAST)).isEqualTo(1));
      failing.submit(FAST);
      await(() -> assertThat(runsOf(FAST)).isEqualTo(2));
    } finally {
      failing.close();
    }
  }

  @Test
  void idleOnlyOnceEveryQueuedEvaluationHasRunAndThenSaysSo() throws InterruptedException {
    assertThat(queue.idle()).isTrue();
    queue.submit(SLOW);
    assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
    queue.submit(FAST);
    await(() -> assertThat(runsOf(FAST)).isEqualTo(1));
    assertThat(queue.idle()).as("the slow one still runs").isFalse();
    assertThat(drains.get()).as("not drained while one runs").isZero();
    release.countDown();
    await(() -> assertThat(drains.get()).isEqualTo(1));
    assertThat(queue.idle()).isTrue();
  }
}
