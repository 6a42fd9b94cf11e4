package io.virtplatform.exporter.http;

import io.undertow.io.BlockingSenderImpl;
import io.undertow.io.Receiver;
import io.undertow.io.Sender;
import io.undertow.io.UndertowInputStream;
import io.undertow.server.BlockingHttpExchange;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a blocking handler on a worker thread with its output going to memory, then sends the bytes
 * from the connection's I/O thread without blocking. So a client reading slowly, or not at all,
 * holds a connection but never a worker thread: workers stay free for everyone else, however many
 * slow readers there are. A client that accepts no data for the write timeout is disconnected.
 *
 * <p>The handler sees an ordinary blocking exchange ({@code getOutputStream()}, a blocking
 * {@code getResponseSender()}); an {@code endExchange()} it calls, or its sender's, is held
 * back until the buffered bytes have been sent. The price is one copy of the response in memory
 * while it is sent; the copies together
 * stay within a {@link ResponseBudget}.
 */
final class BufferedResponse implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(BufferedResponse.class);
  /** Retry-After of a response refused for lack of budget: about one write timeout. */
  private static final String RETRY_AFTER_SECONDS = "10";

  private final HttpHandler handler;
  private final Duration writeTimeout;
  private final SendFailures failures;
  private final ResponseBudget budget;

  BufferedResponse(HttpHandler handler, Duration writeTimeout, SendFailures failures,
      ResponseBudget budget) {
    this.handler = handler;
    this.writeTimeout = writeTimeout;
    this.failures = failures;
    this.budget = budget;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    Body body = new Body();
    Rendering rendering = new Rendering();
    exchange.addDefaultResponseListener(ignored -> rendering.active);
    exchange.startBlocking(new BufferingExchange(exchange, body));
    try {
      handler.handleRequest(exchange);
    } finally {
      rendering.active = false;
      exchange.startBlocking(null);
    }
    if (exchange.isResponseComplete()) {
      return;
    }
    long size = body.size();
    if (!budget.tryReserve(size)) {
      LOG.warn("{} to {}: 503, the responses being sent already hold the memory budget",
          exchange.getRequestPath(), exchange.getSourceAddress().getHostString());
      exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
      exchange.getResponseHeaders().remove(Headers.CONTENT_TYPE);
      exchange.endExchange();
      return;
    }
    NonBlockingSend.send(exchange, size, NonBlockingSend.Body.of(body.asBuffer()), writeTimeout,
        failures, () -> budget.release(size));
  }

  private static final class Rendering {
    volatile boolean active = true;
  }

  /** The handler's output; read without a copy once the handler returns. */
  private static final class Body extends ByteArrayOutputStream {
    Body() {
      super(8192);
    }

    ByteBuffer asBuffer() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }

  /** A blocking exchange whose output stream and sender write to memory. */
  private static final class BufferingExchange implements BlockingHttpExchange {
    private final HttpServerExchange exchange;
    private final OutputStream out;
    private InputStream in;
    private Sender sender;

    BufferingExchange(HttpServerExchange exchange, OutputStream out) {
      this.exchange = exchange;
      this.out = out;
    }

    @Override
    public InputStream getInputStream() {
      if (in == null) {
        in = new UndertowInputStream(exchange);
      }
      return in;
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public Sender getSender() {
      if (sender == null) {
        sender = new BlockingSenderImpl(exchange, out);
      }
      return sender;
    }

    @Override
    public Receiver getReceiver() {
      throw new UnsupportedOperationException("routes are GET and HEAD only, without a body");
    }

    @Override
    public void close() {
      // The buffered bytes are sent, and the exchange ended, by BufferedResponse.
    }
  }
}
