package io.virtplatform.exporter.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.testing.MockApiServer;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.golden.GoldenState;
import java.time.Duration;

/**
 * A simulated cluster in this process: fabric8's mock API server in CRUD mode, seeded with a
 * realistic platform. The exporter talks to it through an ordinary client, exactly as it talks to
 * a real API server.
 */
public final class DemoCluster implements AutoCloseable {

  private final MockApiServer server;
  private final KubernetesClient seedClient;
  private EditWarActor editWar;

  private DemoCluster(MockApiServer server) {
    this.server = server;
    this.seedClient = server.newClient();
  }

  /** Starts the API server on a free loopback port and seeds it for {@code config}. */
  public static DemoCluster start(ExporterConfig config, GoldenState golden) {
    DemoCluster cluster = new DemoCluster(new MockApiServer(new BackdatingCrudDispatcher()));
    new DemoSeed(cluster.seedClient).seed(config, golden);
    return cluster;
  }

  /** Starts the scripted edit war on the demo's StorageClass, one flip every two seconds. */
  public void startEditWar() {
    startEditWar(EditWarActor.DEFAULT_FLIP_INTERVAL);
  }

  /** Starts the scripted edit war with a chosen pace; tests use a fast one. */
  public void startEditWar(Duration flipInterval) {
    editWar = EditWarActor.start(seedClient, flipInterval);
  }

  /** A new client for the exporter, configured like any client of a real cluster. */
  public KubernetesClient newClient() {
    return server.newClient();
  }

  /** The API server's base URL, for the exporter's kubeconfig. */
  public String apiServerUrl() {
    return server.url();
  }

  /** A client for tests and actors that change the simulated cluster. */
  public KubernetesClient client() {
    return seedClient;
  }

  @Override
  public void close() {
    if (editWar != null) {
      editWar.close();
    }
    seedClient.close();
    server.close();
  }
}
