package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the evaluation of managed objects on the exporter's own threads, never on the Kubernetes
 * client's: a watch event only marks its object dirty. Per object, at most one evaluation runs
 * and at most one more waits; events arriving meanwhile coalesce into that one, since it reads
 * the newest object anyway. So the queue never holds more entries than there are managed objects,
 * and a slow object occupies one worker while the others go on.
 */
final class EvaluationQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EvaluationQueue.class);
  static final int WORKERS = 2;

  private final Consumer<ResourceRef> evaluate;
  private final Runnable drained;
  private final ExecutorService workers;
  /** Present while queued or running; true when it must run again after the current run. */
  private final Map<ResourceRef, Boolean> active = new HashMap<>();

  /** @param drained runs on a worker each time the last queued evaluation has finished */
  EvaluationQueue(Consumer<ResourceRef> evaluate, Runnable drained) {
    this.evaluate = evaluate;
    this.drained = drained;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
      Thread t = new Thread(r, "evaluator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Evaluates {@code ref} soon, reading its newest state then. */
  synchronized void submit(ResourceRef ref) {
    Boolean current = active.get(ref);
    if (current == null) {
      active.put(ref, false);
      execute(ref);
    } else if (!current) {
      active.put(ref, true);
    }
  }

  /** Whether no evaluation is queued or running. */
  synchronized boolean idle() {
    return active.isEmpty();
  }

  private void execute(ResourceRef ref) {
    try {
      workers.execute(() -> run(ref));
    } catch (RejectedExecutionException e) {
      active.remove(ref); // shutting down
    }
  }

  private void run(ResourceRef ref) {
    synchronized (this) {
      active.put(ref, false); // events from here on need another run
    }
    try {
      evaluate.accept(ref);
    } catch (RuntimeException e) {
      LOG.warn("Evaluating {} failed", quote(ref.toString()), e);
    } finally {
      boolean nowIdle;
      synchronized (this) {
        if (Boolean.TRUE.equals(active.get(ref))) {
          execute(ref);
        } else {
          active.remove(ref);
        }
        nowIdle = active.isEmpty();
      }
      if (nowIdle) {
        drained.run();
      }
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
