package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.DefaultByteBufferPool;
import io.virtplatform.exporter.testing.Eventually;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A body many times the batch of pooled buffers a send copies it into arrives byte for byte,
 * plain, gzipped and (for HEAD) as its length only; however the send ends, every pooled buffer
 * goes back to the server's pool, once, and {@code onFinish} runs once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NonBlockingSendTest {

  /** Small pool buffers, so that the body spans many batches. */
  private static final int POOL_BUFFER_BYTES = 4096;
  /**
   * Hundreds of batches, the last one partly filled; far more than the socket buffers of a
   * loopback connection hold, so that a client that does not read stalls the send.
   */
  private static final int BODY_BYTES =
      500 * NonBlockingSend.BUFFERS_PER_SEND * POOL_BUFFER_BYTES - 1234;
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  private final byte[] body = new byte[BODY_BYTES];
  private final CountingBufferPool pool =
      new CountingBufferPool(new DefaultByteBufferPool(true, POOL_BUFFER_BYTES));
  private final AtomicInteger finishes = new AtomicInteger();
  private final AtomicInteger timedOut = new AtomicInteger();
  private final AtomicInteger disconnected = new AtomicInteger();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Undertow server;
  private Socket socket;

  NonBlockingSendTest() {
    new Random(7).nextBytes(body);
  }

  @AfterEach
  void stop() throws IOException {
    if (socket != null) {
      socket.close();
    }
    server.stop();
  }

  @Test
  void aPlainBodyArrivesByteForByteWithItsLength() throws Exception {
    start(GENEROUS);

    HttpResponse<byte[]> response = get("GET");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(BODY_BYTES);
    assertThat(response.body()).isEqualTo(body);
    assertEndedCleanly();
  }

  @Test
  void aGzippedBodyInflatesToTheSameBytes() throws Exception {
    start(GENEROUS);

    HttpResponse<byte[]> response = get("GET", "Accept-Encoding", "gzip");

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    assertEndedCleanly();
  }

  @Test
  void headGetsTheLengthAndNoBody() throws Exception {
    start(GENEROUS);

    HttpResponse<byte[]> response = get("HEAD");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(BODY_BYTES);
    assertThat(response.body()).isEmpty();
    assertEndedCleanly();
  }

  @Test
  void aClientThatHangsUpMidBodyGetsEveryBufferBackToThePool() throws Exception {
    start(GENEROUS);
    requestAndDoNotRead();
    assertThat(socket.getInputStream().readNBytes(1024)).hasSize(1024);

    socket.setSoLinger(true, 0);
    socket.close();

    Eventually.await(GENEROUS, () -> assertThat(disconnected).hasValue(1));
    assertThat(timedOut).hasValue(0);
    assertBuffersReturnedAndFinishedOnce();
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAndEveryBufferGoesBack() throws Exception {
    start(Duration.ofMillis(500));
    requestAndDoNotRead();

    Eventually.await(GENEROUS, () -> assertThat(timedOut).hasValue(1));
    assertThat(disconnected).hasValue(0);
    assertBuffersReturnedAndFinishedOnce();
    // The server closed the connection: the client reads what was sent, then the end.
    socket.setSoTimeout((int) GENEROUS.toMillis());
    assertThat(socket.getInputStream().readAllBytes().length).isLessThan(BODY_BYTES);
  }

  private void assertEndedCleanly() {
    assertThat(timedOut).hasValue(0);
    assertThat(disconnected).hasValue(0);
    // The send took a batch of the pool's buffers, beyond the few Undertow reads a request with.
    assertThat(pool.taken()).isGreaterThanOrEqualTo(NonBlockingSend.BUFFERS_PER_SEND);
    assertBuffersReturnedAndFinishedOnce();
  }

  private void assertBuffersReturnedAndFinishedOnce() {
    Eventually.await(GENEROUS, () -> assertThat(pool.outstanding()).isZero());
    assertThat(pool.closedTwice()).isZero();
    assertThat(finishes).hasValue(1);
  }

  private void start(Duration writeTimeout) {
    SendFailures failures = new SendFailures("/body", writeTimeout) {
      @Override
      void timedOut(HttpServerExchange exchange) {
        timedOut.incrementAndGet();
      }

      @Override
      void disconnected(HttpServerExchange exchange, IOException cause) {
        disconnected.incrementAndGet();
      }
    };
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setIoThreads(1)
        .setWorkerThreads(2)
        .setByteBufferPool(pool)
        .setHandler(ExporterHttpServer.gzipWhenAccepted(new SendBody(writeTimeout, failures)))
        .build();
    server.start();
  }

  /** Sends the body from a worker thread, as the exporter's routes do. */
  private final class SendBody implements HttpHandler {
    private final Duration writeTimeout;
    private final SendFailures failures;

    SendBody(Duration writeTimeout, SendFailures failures) {
      this.writeTimeout = writeTimeout;
      this.failures = failures;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
      if (exchange.isInIoThread()) {
        exchange.dispatch(this);
        return;
      }
      NonBlockingSend.send(exchange, BODY_BYTES, NonBlockingSend.Body.of(ByteBuffer.wrap(body)),
          writeTimeout, failures, finishes::incrementAndGet);
    }
  }

  private HttpResponse<byte[]> get(String method, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A request on a connection with a small receive window, so that the body cannot all fit. */
  private void requestAndDoNotRead() throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port()));
    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
  }

  private String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  private int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }
}
