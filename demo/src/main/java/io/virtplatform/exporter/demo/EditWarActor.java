package io.virtplatform.exporter.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scripts an edit war on the demo's {@code virt-default} StorageClass: another "operator" sets the
 * default-virt-class annotation to "false" and a restorer puts it back, every few seconds for a
 * burst, then both stay quiet long enough for the episode to end. Each burst is one episode, so
 * {@code virt_platform_thrashing_total} keeps rising while the demo runs.
 */
final class EditWarActor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EditWarActor.class);
  static final String STORAGE_CLASS = "virt-default";
  static final String ANNOTATION = "storageclass.kubevirt.io/is-default-virt-class";
  static final Duration DEFAULT_FLIP_INTERVAL = Duration.ofSeconds(2);
  private static final long FLIPS_PER_BURST = 10;
  /** A burst plus a quiet spell of 40 flips, 80 s by default: longer than the demo's window. */
  private static final long CYCLE_FLIPS = FLIPS_PER_BURST + 40;

  private final KubernetesClient client;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "demo-edit-war");
        t.setDaemon(true);
        return t;
      });
  private final AtomicLong step = new AtomicLong();

  private EditWarActor(KubernetesClient client) {
    this.client = client;
  }

  static EditWarActor start(KubernetesClient client, Duration flipInterval) {
    EditWarActor actor = new EditWarActor(client);
    long millis = flipInterval.toMillis();
    actor.executor.scheduleWithFixedDelay(actor::step, millis, millis, TimeUnit.MILLISECONDS);
    return actor;
  }

  private void step() {
    long n = step.getAndIncrement() % CYCLE_FLIPS;
    if (n >= FLIPS_PER_BURST) {
      return;
    }
    // Even steps are the intruder, odd steps the restorer; a burst ends restored.
    String value = n % 2 == 0 ? "false" : "true";
    try {
      client.storage().v1().storageClasses().withName(STORAGE_CLASS).edit(sc -> {
        sc.getMetadata().getAnnotations().put(ANNOTATION, value);
        return sc;
      });
    } catch (RuntimeException e) {
      LOG.warn("Demo edit war could not update StorageClass {}: {}", STORAGE_CLASS, e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
