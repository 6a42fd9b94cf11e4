package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;

/** The mock API server of the tests, with helpers to install CRDs. */
public final class MockCluster implements AutoCloseable {

  private final MockApiServer server = new MockApiServer();
  private final KubernetesClient client = server.newClient();

  public KubernetesClient client() {
    return client;
  }

  /** A second, independent client, as the exporter would have. */
  public KubernetesClient newClient() {
    return server.newClient();
  }

  public void installCrd(String group, String version, String kind, boolean namespaced) {
    String plural = kind.toLowerCase(Locale.ROOT) + "s";
    client.apiextensions().v1().customResourceDefinitions().resource(
        new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName(plural + "." + group).endMetadata()
            .withNewSpec().withGroup(group).withScope(namespaced ? "Namespaced" : "Cluster")
            .withNewNames().withKind(kind).withPlural(plural).endNames()
            .addNewVersion().withName(version).withServed(true).withStorage(true).endVersion()
            .endSpec().build()).create();
  }

  public void removeCrd(String group, String kind) {
    client.apiextensions().v1().customResourceDefinitions()
        .withName(kind.toLowerCase(Locale.ROOT) + "s." + group).delete();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
