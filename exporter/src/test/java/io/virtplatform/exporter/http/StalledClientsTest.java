package io.virtplatform.exporter.http;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.THRASHING_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.testing.Eventually;
import io.virtplatform.exporter.testing.Series;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scrapers that stop reading, hang up mid-response or never finish their request: the server
 * keeps serving everyone else, disconnects them, and counts the responses it could not finish.
 * The store holds far more than the socket buffers of a connection take, so that a client that
 * does not read really blocks the worker thread writing to it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StalledClientsTest {

  /** Above the server's 8 worker threads, so that stalled clients alone could hold them all. */
  private static final int STALLED_CLIENTS = 10;
  /** About 120 bytes each: a response of about 12 MB. */
  private static final int SERIES = 100_000;
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final String ERRORS = "virt_platform_exporter_scrape_errors_total";
  private static final String WRITE_TIMEOUT = "reason=\"write_timeout\"";
  private static final String CLIENT_DISCONNECTED = "reason=\"client_disconnected\"";

  private final MetricStore store = MetricStore.forCatalog();
  private final List<Socket> clients = new ArrayList<>();
  private ExporterHttpServer server;
  private HttpTestClient http;

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    server.stop();
  }

  @Test
  void clientsThatStopReadingAreDisconnectedAndDoNotBlockOtherScrapes() throws Exception {
    start(Duration.ofSeconds(1));
    for (int i = 0; i < STALLED_CLIENTS; i++) {
      requestMetricsAndNeverRead();
    }

    CompletableFuture<HttpResponse<String>> scrape = http.getAsync("/metrics");

    HttpResponse<String> response = scrape.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("virt_platform_thrashing_total{kind=\"VirtualMachine\","
        + "name=\"vm-" + (SERIES - 1) + "-");
    Eventually.await(GENEROUS, () -> assertThat(errors(WRITE_TIMEOUT))
        .isEqualTo(STALLED_CLIENTS));
    assertThat(errors(CLIENT_DISCONNECTED)).isZero();
    for (Socket client : clients) {
      assertThat(closedByServer(client)).as("connection closed by the server").isTrue();
    }
  }

  @Test
  void aClientThatHangsUpMidResponseIsCountedAndServingGoesOn() throws Exception {
    start(Duration.ofMinutes(5));
    Socket client = requestMetricsAndNeverRead();
    // Only once the response has started, so that the hang-up interrupts it.
    assertThat(client.getInputStream().readNBytes(1024)).hasSize(1024);

    client.setSoLinger(true, 0);
    client.close();

    Eventually.await(GENEROUS, () -> assertThat(errors(CLIENT_DISCONNECTED)).isEqualTo(1));
    assertThat(errors(WRITE_TIMEOUT)).isZero();
    assertThat(http.get("/healthz").body()).isEqualTo("ok\n");
  }

  @Test
  void aClientThatNeverFinishesItsRequestIsDisconnected() throws Exception {
    start(Duration.ofSeconds(1));
    Socket client = connect();

    client.getOutputStream().write(
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAcc".getBytes(StandardCharsets.US_ASCII));

    assertThat(closedByServer(client)).as("connection closed by the server").isTrue();
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
  }

  private void start(Duration clientTimeout) {
    for (int i = 0; i < SERIES; i++) {
      String name = "vm-" + i + "-" + "x".repeat(40);
      store.put(THRASHING_TOTAL, name, List.of(Sample.of(i, "VirtualMachine", name, "tenant")));
    }
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0), store,
        new SelfMetrics("test"), Optional::empty, clientTimeout, Protection.NONE,
        ResponseBudget.DEFAULT_BYTES);
    server.start();
    http = new HttpTestClient(server);
  }

  /** Sends a request for the metrics with a small receive window, and does not read. */
  private Socket requestMetricsAndNeverRead() throws IOException {
    Socket client = connect();
    client.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return client;
  }

  private Socket connect() throws IOException {
    Socket client = new Socket();
    clients.add(client);
    client.setReceiveBufferSize(4096);
    client.connect(new InetSocketAddress("127.0.0.1", server.port()));
    return client;
  }

  /**
   * Whether the server ends the connection, as seen by reading everything it sent. A response
   * that the server still writes, or a finished one on a kept-alive connection, times out.
   */
  private static boolean closedByServer(Socket client) throws IOException {
    client.setSoTimeout((int) GENEROUS.toMillis());
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = client.getInputStream()) {
      while (in.read(buffer) >= 0) {
        // drain what the server sent before it closed
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private double errors(String reason) {
    Double value = Series.parse(http.get("/metrics").body()).get(ERRORS, reason);
    assertThat(value).as(ERRORS + "{" + reason + "}").isNotNull();
    return value;
  }
}
