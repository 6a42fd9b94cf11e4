package io.virtplatform.exporter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.Buffers;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Sends a response body that is already in memory from the connection's I/O thread, without
 * blocking: a client reading slowly, or not at all, holds its connection but no worker thread.
 * A client that accepts no data for the write timeout is disconnected and reported to {@link
 * SendFailures}. {@code onFinish} runs exactly once, however the sending ends.
 *
 * <p>The body is copied, {@value #BUFFERS_PER_SEND} buffers at a time, into direct buffers from
 * the connection's pool (those Undertow itself reads and writes with), and each batch goes out in
 * one gathering write whenever the socket takes more. A socket writes from direct memory only, so
 * the copy is one the JDK would make anyway; handing it the body as heap buffers instead (one per
 * 8 KB chunk of the store) made it copy each into a temporary direct buffer and cost a buffer
 * view per chunk, about 1,300 per 10 MB scrape. So a send allocates the same few objects
 * whatever the body's size, and holds at most {@value #BUFFERS_PER_SEND} pooled buffers (128 KB
 * with Undertow's default 16 KB ones) while its client is slow.
 *
 * <p>Everything that touches the buffers runs on the connection's I/O thread: the write listener
 * and the timeout check. So they are returned to the pool exactly once, when the body has been
 * sent, the write fails (the client went away) or the timeout disconnects the client, and never
 * while a write may still read them.
 */
final class NonBlockingSend implements ChannelListener<StreamSinkChannel>, Runnable {

  /** Pooled buffers per response being sent, written together in one gathering write. */
  static final int BUFFERS_PER_SEND = 8;

  /** The response body, read once, in order. */
  @FunctionalInterface
  interface Body {
    /**
     * Copies the next bytes into {@code target}, as many as it has room for.
     *
     * @return whether bytes are left to copy
     */
    boolean copyTo(ByteBuffer target);

    /** The remaining bytes of {@code bytes}, which the send then consumes. */
    static Body of(ByteBuffer bytes) {
      return target -> {
        Buffers.copy(target, bytes);
        return bytes.hasRemaining();
      };
    }
  }

  private final HttpServerExchange exchange;
  private final StreamSinkChannel channel;
  private final Body body;
  private final Duration writeTimeout;
  private final SendFailures failures;
  private final Runnable onFinish;
  private final long checkMillis;
  // The fields below are only used on the connection's I/O thread.
  private PooledByteBuffer[] pooled;
  private ByteBuffer[] buffers;
  /** Buffers of {@link #buffers} holding the batch being written. */
  private int filled;
  /** Bytes of that batch not written yet. */
  private long unsent;
  private boolean bodyCopied;
  private boolean finished;
  private long lastSent = -1;
  private long lastProgressNanos = System.nanoTime();

  private NonBlockingSend(HttpServerExchange exchange, StreamSinkChannel channel, Body body,
      Duration writeTimeout, SendFailures failures, Runnable onFinish) {
    this.exchange = exchange;
    this.channel = channel;
    this.body = body;
    this.writeTimeout = writeTimeout;
    this.failures = failures;
    this.onFinish = onFinish;
    this.checkMillis = Math.max(1, writeTimeout.toMillis() / 4);
  }

  /**
   * Sends the body of {@code length} bytes (the Content-Length, unless the response has one)
   * and ends the exchange; returns at once. Call from within the exchange's handler, on any
   * thread: the writing starts on the I/O thread once the handler returns.
   */
  static void send(HttpServerExchange exchange, long length, Body body, Duration writeTimeout,
      SendFailures failures, Runnable onFinish) {
    if (!exchange.getResponseHeaders().contains(Headers.CONTENT_LENGTH)
        && !exchange.getResponseHeaders().contains(Headers.TRANSFER_ENCODING)) {
      exchange.setResponseContentLength(length);
    }
    StreamSinkChannel channel = exchange.getResponseChannel();
    NonBlockingSend send =
        new NonBlockingSend(exchange, channel, body, writeTimeout, failures, onFinish);
    channel.getWriteSetter().set(send);
    channel.resumeWrites();
    send.watch();
  }

  /**
   * Writes while the client takes data; called again by the I/O thread when it takes more. Writes
   * go to the exchange's response channel, whichever channel the event names, so that the
   * exchange counts the bytes sent (the timeout check reads that count).
   */
  @Override
  public void handleEvent(StreamSinkChannel ignored) {
    if (finished) {
      channel.suspendWrites();
      return;
    }
    try {
      if (pooled == null) {
        take(exchange.getConnection().getByteBufferPool());
      }
      while (true) {
        if (unsent == 0) {
          if (bodyCopied) {
            sent();
            return;
          }
          copyNextBatch();
        } else {
          long written = channel.write(buffers, 0, filled);
          if (written == 0) {
            return; // writes stay resumed: called again once the client takes more
          }
          unsent -= written;
        }
      }
    } catch (IOException e) {
      channel.suspendWrites();
      if (finish()) {
        failures.disconnected(exchange, e);
      }
      try {
        exchange.endExchange();
      } finally {
        IoUtils.safeClose(exchange.getConnection());
      }
    }
  }

  private void take(ByteBufferPool pool) {
    pooled = new PooledByteBuffer[BUFFERS_PER_SEND];
    buffers = new ByteBuffer[BUFFERS_PER_SEND];
    for (int i = 0; i < BUFFERS_PER_SEND; i++) {
      pooled[i] = pool.allocate();
      buffers[i] = pooled[i].getBuffer();
    }
  }

  private void copyNextBatch() {
    filled = 0;
    while (filled < buffers.length && !bodyCopied) {
      ByteBuffer buffer = buffers[filled++];
      buffer.clear();
      bodyCopied = !body.copyTo(buffer);
      buffer.flip();
      unsent += buffer.remaining();
    }
  }

  private void sent() {
    channel.suspendWrites();
    channel.getWriteSetter().set(null);
    finish();
    exchange.endExchange(); // flushes what an encoder still holds, on its own listener
  }

  /** @return whether this call finished it, rather than an earlier one */
  private boolean finish() {
    if (finished) {
      return false;
    }
    finished = true;
    if (pooled != null) {
      for (PooledByteBuffer buffer : pooled) {
        buffer.close();
      }
      pooled = null;
      buffers = null;
    }
    onFinish.run();
    return true;
  }

  /** Checked on the connection's I/O thread, a few times per timeout: no thread waits. */
  private void watch() {
    exchange.getIoThread().executeAfter(this, checkMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    if (finished) {
      return;
    }
    if (exchange.isResponseComplete()) {
      finish(); // ended elsewhere, e.g. with its connection
      return;
    }
    long sent = exchange.getResponseBytesSent();
    long now = System.nanoTime();
    if (sent != lastSent) {
      lastSent = sent;
      lastProgressNanos = now;
    } else if (now - lastProgressNanos >= writeTimeout.toNanos()) {
      if (finish()) {
        failures.timedOut(exchange);
      }
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    watch();
  }
}
