package io.virtplatform.exporter.demo;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.golden.GoldenState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A simulated cluster in this process: fabric8's mock API server in CRUD mode, seeded with a
 * realistic platform. The exporter talks to it through an ordinary client, exactly as it talks to
 * a real API server.
 */
public final class DemoCluster implements AutoCloseable {

  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient seedClient;
  private EditWarActor editWar;

  private DemoCluster(KubernetesMockServer server) {
    this.server = server;
    this.seedClient = newClient();
  }

  /** Starts the API server on a free loopback port and seeds it for {@code config}. */
  public static DemoCluster start(ExporterConfig config, GoldenState golden) {
    // The mock server logs every request at INFO, which would drown the exporter's own log.
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
        new HashMap<>(), new BackdatingCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    DemoCluster cluster = new DemoCluster(server);
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
    Config config = new ConfigBuilder()
        .withMasterUrl(server.url("/"))
        .withTrustCerts(true)
        .withNamespace("default")
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A client for tests and actors that change the simulated cluster. */
  public KubernetesClient client() {
    return seedClient;
  }

  public String url() {
    return server.url("/");
  }

  @Override
  public void close() {
    if (editWar != null) {
      editWar.close();
    }
    seedClient.close();
    server.destroy();
  }
}
