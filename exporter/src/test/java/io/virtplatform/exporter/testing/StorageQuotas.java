package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** ResourceQuotas on {@code requests.storage}, as the import checks read them. */
public final class StorageQuotas {

  private StorageQuotas() {}

  /** Creates or replaces the quota with its {@code hard} limit and {@code used} status. */
  public static void put(KubernetesClient client, String namespace, String name, String hard,
      String used) {
    ResourceQuota quota = new ResourceQuotaBuilder().withNewMetadata().withName(name)
        .withNamespace(namespace).endMetadata()
        .withNewSpec().addToHard("requests.storage", new Quantity(hard)).endSpec()
        .withNewStatus().addToHard("requests.storage", new Quantity(hard))
        .addToUsed("requests.storage", new Quantity(used)).endStatus().build();
    client.resourceQuotas().inNamespace(namespace).resource(quota)
        .createOr(existing -> existing.update());
  }
}
