package io.virtplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.demo.DemoCluster;
import io.virtplatform.exporter.demo.DemoFiles;
import io.virtplatform.exporter.runtime.ExporterRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The exporter in demo mode, in this JVM, assembled as the demo command assembles it: the demo's
 * config files, the seeded mock cluster, and the real runtime serving HTTP on a free loopback
 * port. The scripted edit war starts on request.
 */
final class DemoExporter implements AutoCloseable {

  private final DemoCluster cluster;
  private final KubernetesClient exporterClient;
  private final ExporterRuntime runtime;
  private final SecuredEndpoint secured;
  private boolean stopped;

  private DemoExporter(DemoCluster cluster, KubernetesClient exporterClient,
      ExporterRuntime runtime, SecuredEndpoint secured) {
    this.secured = secured;
    this.cluster = cluster;
    this.exporterClient = exporterClient;
    this.runtime = runtime;
  }

  /**
   * Serves as {@code secured} says: HTTPS, and only Prometheus' token may read /metrics. The
   * probes stay plain reads over HTTPS, as a kubelet makes them.
   */
  static DemoExporter start(Path dir, SecuredEndpoint secured) {
    Path configFile = DemoFiles.write(dir);
    LoadResult result = new ConfigLoader().load(configFile);
    if (!(result instanceof LoadedConfig loaded)) {
      throw new AssertionError("the demo config does not load: " + result);
    }
    DemoCluster cluster = DemoCluster.start(loaded.config(), loaded.goldenState());
    KubernetesClient client = cluster.newClient();
    ExporterRuntime runtime = ExporterRuntime.start(client, loaded, configFile,
        secured.endpoint(), Clock.systemUTC());
    return new DemoExporter(cluster, client, runtime, secured);
  }

  /** Waits until /readyz answers 200: every informer has synced. */
  void awaitReady(Duration timeout) {
    URI readyz = URI.create("https://" + hostPort() + "/readyz");
    HttpClient http = httpsClient();
    Await.until("the exporter is ready at " + readyz, timeout, () -> {
      try {
        assertThat(http.send(HttpRequest.newBuilder(readyz).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      } catch (IOException e) {
        throw new AssertionError(e.toString(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }, () -> "");
  }

  /** The HTTP status of an HTTPS GET of {@code path}, with a bearer token unless null. */
  int status(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://" + hostPort() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return httpsClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new AssertionError(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private HttpClient httpsClient() {
    try {
      return HttpClient.newBuilder().sslContext(secured.trusting()).build();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new AssertionError("cannot trust the exporter's certificate", e);
    }
  }

  /** host:port of the metrics endpoint. */
  String hostPort() {
    return "127.0.0.1:" + runtime.port();
  }

  /** Starts the demo's scripted edit war on its StorageClass. */
  void startEditWar(Duration flipInterval) {
    cluster.startEditWar(flipInterval);
  }

  /** A client of the simulated cluster, to change it as an operator would. */
  KubernetesClient cluster() {
    return cluster.client();
  }

  /** Stops the exporter, which takes its HTTP server down; the cluster keeps running. */
  synchronized void stop() {
    if (!stopped) {
      stopped = true;
      runtime.close();
    }
  }

  @Override
  public void close() {
    stop();
    exporterClient.close();
    cluster.close();
  }
}
