package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Locale;

/** fabric8's mock API server in CRUD mode, with helpers to install CRDs. */
public final class MockCluster implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockCluster() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  public KubernetesClient client() {
    return client;
  }

  /** A second, independent client, as the exporter would have. */
  public KubernetesClient newClient() {
    return server.createClient();
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
    server.destroy();
  }
}
