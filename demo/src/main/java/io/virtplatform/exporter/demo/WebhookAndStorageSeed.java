package io.virtplatform.exporter.demo;

import io.virtplatform.exporter.testing.SelfSignedCa;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Seeds what the webhook and default-StorageClass checks look at, with one firing condition of
 * each: a webhook that cannot be called, a webhook CA that expires in three days, and two
 * default StorageClasses. The objects are in {@code /demo/cluster/webhooks-and-storage.yaml}.
 */
final class WebhookAndStorageSeed {

  private static final String RESOURCE = "/demo/cluster/webhooks-and-storage.yaml";
  static final Duration EXPIRING_CA_LIFETIME_LEFT = Duration.ofDays(3);

  private final KubernetesClient client;

  WebhookAndStorageSeed(KubernetesClient client) {
    this.client = client;
  }

  void seed(Instant now) {
    String validCa = SelfSignedCa.pem("virt-platform demo CA", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(365)));
    String expiringCa = SelfSignedCa.pem("cdi-apiserver demo CA", now.minus(Duration.ofDays(362)),
        now.plus(EXPIRING_CA_LIFETIME_LEFT));
    DemoResources.createAll(client, RESOURCE, Map.of(
        "VALID_CA_BUNDLE", SelfSignedCa.caBundle(validCa),
        "EXPIRING_CA_BUNDLE", SelfSignedCa.caBundle(expiringCa)));
  }
}
