package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.Headers;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10.5: ten clients read a 7 MB /drift at one byte per second. They hold connections, but
 * no worker thread: the probes, the metrics and the drift explainer keep answering at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowReadersTest {

  /** Above the server's 8 worker threads. */
  private static final int SLOW_READERS = 10;
  private static final int DRIFT_BYTES = 7 * 1024 * 1024;
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicBoolean reading = new AtomicBoolean(true);
  private ExporterHttpServer server;

  @AfterEach
  void stop() throws IOException {
    reading.set(false);
    for (Socket socket : sockets) {
      socket.close();
    }
    server.stop();
  }

  @Test
  void slowReadersHoldNoWorkerThread() throws Exception {
    byte[] drift = "x".repeat(DRIFT_BYTES).getBytes(StandardCharsets.US_ASCII);
    // Long enough that no slow reader is cut off during the test: they must be served slowly,
    // not disconnected, for the test to mean anything.
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0),
        MetricStore.forCatalog(), new SelfMetrics("test"), Optional::empty,
        Duration.ofMinutes(5), Protection.NONE, 20L * DRIFT_BYTES)
        .route("/drift", "drift", exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html");
          exchange.getOutputStream().write(drift);
        });
    server.start();
    for (int i = 0; i < SLOW_READERS; i++) {
      readSlowly("/drift");
    }
    Thread.sleep(2000);
    HttpTestClient http = new HttpTestClient(server);

    long started = System.nanoTime();
    HttpResponse<String> health = http.getAsync("/healthz").get(GENEROUS.toSeconds(),
        TimeUnit.SECONDS);
    long healthMillis = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> metrics = http.getAsync("/metrics");
    CompletableFuture<HttpResponse<String>> driftToo = http.getAsync("/drift");
    assertThat(metrics.get(GENEROUS.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(driftToo.get(GENEROUS.toSeconds(), TimeUnit.SECONDS).body()).hasSize(DRIFT_BYTES);
    long workerMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(health.statusCode()).isEqualTo(200);
    System.out.printf("SlowReadersTest: %d slow readers of %d bytes; /healthz answered in %d ms,"
        + " /metrics and a full /drift in %d ms%n", SLOW_READERS, DRIFT_BYTES, healthMillis,
        workerMillis);
  }

  @Test
  void responsesBeyondTheMemoryBudgetGet503UntilEarlierOnesEnd() throws Exception {
    byte[] drift = "x".repeat(DRIFT_BYTES).getBytes(StandardCharsets.US_ASCII);
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0),
        MetricStore.forCatalog(), new SelfMetrics("test"), Optional::empty,
        Duration.ofSeconds(2), Protection.NONE, DRIFT_BYTES + DRIFT_BYTES / 2)
        .route("/drift", "drift", exchange -> exchange.getOutputStream().write(drift));
    server.start();
    HttpTestClient http = new HttpTestClient(server);
    requestAndNeverRead("/drift");
    Thread.sleep(500);

    HttpResponse<String> refused = http.get("/drift");
    HttpResponse<String> health = http.get("/healthz");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(refused.body()).isEmpty();
    assertThat(health.statusCode()).isEqualTo(200);
    // The stalled reader is disconnected after the write timeout, which frees its share.
    io.virtplatform.exporter.testing.Eventually.await(GENEROUS,
        () -> assertThat(http.get("/drift").body()).hasSize(DRIFT_BYTES));
  }

  private Socket requestAndNeverRead(String path) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  private void readSlowly(String path) throws IOException {
    Socket socket = requestAndNeverRead(path);
    Thread reader = new Thread(() -> {
      try (InputStream in = socket.getInputStream()) {
        while (reading.get() && in.read() >= 0) {
          Thread.sleep(1000);
        }
      } catch (IOException | InterruptedException closed) {
        // the test is over
      }
    }, "slow-reader");
    reader.setDaemon(true);
    reader.start();
  }
}
