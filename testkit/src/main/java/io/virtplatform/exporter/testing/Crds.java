package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;

/** Installs and removes minimal CRDs (plural = lower-case kind + "s"), as an operator would. */
public final class Crds {

  private Crds() {}

  public static void install(KubernetesClient client, String group, String version, String kind,
      boolean namespaced) {
    String plural = kind.toLowerCase(Locale.ROOT) + "s";
    client.apiextensions().v1().customResourceDefinitions().resource(
        new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName(plural + "." + group).endMetadata()
            .withNewSpec().withGroup(group).withScope(namespaced ? "Namespaced" : "Cluster")
            .withNewNames().withKind(kind).withPlural(plural).endNames()
            .addNewVersion().withName(version).withServed(true).withStorage(true).endVersion()
            .endSpec().build()).create();
  }

  public static void remove(KubernetesClient client, String group, String kind) {
    client.apiextensions().v1().customResourceDefinitions()
        .withName(kind.toLowerCase(Locale.ROOT) + "s." + group).delete();
  }
}
