package io.virtplatform.exporter.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Seeds what the lifecycle and DataVolume checks report: a DataVolume stuck importing for two
 * hours with its importer pod crash-looping, an upload pod that cannot be scheduled, a VM and a
 * Cluster API machine stuck in deletion on their finalizers, and a VMI whose owner reference names
 * a kind the cluster does not serve (the kube-api-rewriter failure).
 *
 * <p>Objects in {@code /demo/cluster/lifecycle-objects.yaml} say how old they should look with two
 * annotations holding ISO-8601 durations: {@value #CREATED_AGO} back-dates their creation, and
 * {@value #DELETED_AGO} deletes them (their finalizers keep them) and back-dates the deletion.
 */
final class LifecycleDemoSeed {

  static final String CREATED_AGO = "demo.virt-platform.io/created-ago";
  static final String DELETED_AGO = "demo.virt-platform.io/deleted-ago";
  private static final String RESOURCE = "/demo/cluster/lifecycle-objects.yaml";

  private final KubernetesClient client;

  LifecycleDemoSeed(KubernetesClient client) {
    this.client = client;
  }

  void seed() {
    try (InputStream in = LifecycleDemoSeed.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("demo resource " + RESOURCE + " missing");
      }
      client.load(in).items().forEach(this::create);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void create(HasMetadata item) {
    HasMetadata created = client.resource(item).create();
    Map<String, String> annotations =
        Objects.requireNonNullElse(created.getMetadata().getAnnotations(), Map.of());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (annotations.containsKey(CREATED_AGO)) {
      created.getMetadata().setCreationTimestamp(
          now.minus(Duration.parse(annotations.get(CREATED_AGO))).toString());
      created = client.resource(created).update();
    }
    if (annotations.containsKey(DELETED_AGO)) {
      client.resource(created).delete();
      HasMetadata deleting = client.resource(created).get();
      deleting.getMetadata().setDeletionTimestamp(
          now.minus(Duration.parse(annotations.get(DELETED_AGO))).toString());
      client.resource(deleting).update();
    }
  }
}
