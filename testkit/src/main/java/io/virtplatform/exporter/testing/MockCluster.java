package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.client.KubernetesClient;

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
    Crds.install(client, group, version, kind, namespaced);
  }

  public void removeCrd(String group, String kind) {
    Crds.remove(client, group, kind);
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
