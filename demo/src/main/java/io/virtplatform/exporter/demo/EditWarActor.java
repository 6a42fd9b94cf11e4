package io.virtplatform.exporter.demo;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scripts an edit war on the demo's {@code virt-default} StorageClass: another "operator"
 * ({@value #INTRUDER}) sets the default-virt-class annotation to "false" and the autopilot
 * ({@value #RESTORER}) puts it back, every few seconds for a burst, then both stay quiet long
 * enough for the episode to end. Each burst is one episode, so {@code
 * virt_platform_thrashing_total} keeps rising while the demo runs.
 *
 * <p>Each write records its manager in {@code managedFields} as a real API server does on an
 * update (the mock server keeps whatever it is sent): the annotation moves to the writer's entry,
 * so the exporter names both actors in {@code virt_platform_edit_war_actor_info}.
 */
final class EditWarActor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EditWarActor.class);
  static final String STORAGE_CLASS = "virt-default";
  static final String ANNOTATION = "storageclass.kubevirt.io/is-default-virt-class";
  static final String INTRUDER = "storage-profile-operator";
  static final String RESTORER = "virt-platform-autopilot";
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
    boolean intruder = n % 2 == 0;
    String value = intruder ? "false" : "true";
    String manager = intruder ? INTRUDER : RESTORER;
    try {
      client.storage().v1().storageClasses().withName(STORAGE_CLASS).edit(sc -> {
        sc.getMetadata().getAnnotations().put(ANNOTATION, value);
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        if (sc.getMetadata().getManagedFields() != null) {
          entries.addAll(sc.getMetadata().getManagedFields());
        }
        entries.removeIf(e -> INTRUDER.equals(e.getManager()) || RESTORER.equals(e.getManager()));
        entries.add(ownerOfAnnotation(manager));
        sc.getMetadata().setManagedFields(entries);
        return sc;
      });
    } catch (RuntimeException e) {
      LOG.warn("Demo edit war could not update StorageClass {}: {}", STORAGE_CLASS, e.toString());
    }
  }

  /** The entry an update by {@code manager} of the annotation leaves. */
  private static ManagedFieldsEntry ownerOfAnnotation(String manager) {
    FieldsV1 fields = new FieldsV1();
    fields.setAdditionalProperty("f:metadata",
        Map.of("f:annotations", Map.of("f:" + ANNOTATION, Map.of())));
    return new ManagedFieldsEntryBuilder().withManager(manager).withOperation("Update")
        .withApiVersion("storage.k8s.io/v1").withFieldsType("FieldsV1")
        .withTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .withFieldsV1(fields).build();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
