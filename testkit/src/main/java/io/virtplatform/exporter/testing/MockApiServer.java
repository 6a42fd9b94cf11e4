package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode on a free loopback port: the demo's simulated cluster,
 * and the API server of every test that needs one.
 */
public final class MockApiServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(MockApiServer.class.getName());
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;

  public MockApiServer() {
    this(new ServedApisDispatcher());
  }

  /**
   * A server with {@code dispatcher}: one that lets a seed back-date objects, or one that tests
   * keep to inject answers such as a 403.
   */
  public MockApiServer(ServedApisDispatcher dispatcher) {
    // The mock server logs every request at INFO, which would drown the exporter's own log.
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
  }

  /** The server's base URL, for a kubeconfig or a proxy in front of it. */
  public String url() {
    return server.url("/");
  }

  /** A new client, configured like any client of a real cluster. */
  public KubernetesClient newClient() {
    return newClient(url());
  }

  /** A new client that reaches the server through {@code masterUrl}, e.g. a proxy. */
  public static KubernetesClient newClient(String masterUrl) {
    Config config = new ConfigBuilder()
        .withMasterUrl(masterUrl)
        .withTrustCerts(true)
        .withNamespace("default")
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Stops the server. The mock can dead-lock its own event loop while closing a watch that is
   * still sending events, and then gives up after ten seconds; by then nothing is served any more,
   * so that is logged rather than thrown.
   */
  @Override
  public void close() {
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      LOG.log(Level.WARNING, "The mock API server did not shut down cleanly: {0}", e.getMessage());
    }
  }
}
