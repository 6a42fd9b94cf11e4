package io.virtplatform.exporter.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;

/**
 * Sends a response body that is already in memory from the connection's I/O thread, without
 * blocking: a client reading slowly, or not at all, holds its connection but no worker thread.
 * A client that accepts no data for the write timeout is disconnected and reported to {@link
 * SendFailures}. {@code onFinish} runs exactly once, however the sending ends.
 */
final class NonBlockingSend implements Runnable {

  private final HttpServerExchange exchange;
  private final Duration writeTimeout;
  private final SendFailures failures;
  private final Runnable onFinish;
  private final long checkMillis;
  private final AtomicBoolean finished = new AtomicBoolean();
  private long lastSent = -1;
  private long lastProgressNanos = System.nanoTime();

  private NonBlockingSend(HttpServerExchange exchange, Duration writeTimeout,
      SendFailures failures, Runnable onFinish) {
    this.exchange = exchange;
    this.writeTimeout = writeTimeout;
    this.failures = failures;
    this.onFinish = onFinish;
    this.checkMillis = Math.max(1, writeTimeout.toMillis() / 4);
  }

  /** Sends {@code body} and ends the exchange; returns at once. */
  static void send(HttpServerExchange exchange, ByteBuffer[] body, Duration writeTimeout,
      SendFailures failures, Runnable onFinish) {
    NonBlockingSend send = new NonBlockingSend(exchange, writeTimeout, failures, onFinish);
    exchange.getResponseSender().send(body, new IoCallback() {
      @Override
      public void onComplete(HttpServerExchange done, Sender sender) {
        send.finish();
        IoCallback.END_EXCHANGE.onComplete(done, sender);
      }

      @Override
      public void onException(HttpServerExchange failed, Sender sender, IOException e) {
        if (send.finish()) {
          failures.disconnected(failed, e);
        }
        IoCallback.END_EXCHANGE.onException(failed, sender, e);
      }
    });
    send.watch();
  }

  /** @return whether this call finished it, rather than an earlier one */
  private boolean finish() {
    if (finished.compareAndSet(false, true)) {
      onFinish.run();
      return true;
    }
    return false;
  }

  /** Checked on the connection's I/O thread, a few times per timeout: no thread waits. */
  private void watch() {
    if (!finished.get()) {
      exchange.getIoThread().executeAfter(this, checkMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void run() {
    if (finished.get()) {
      return;
    }
    if (exchange.isResponseComplete()) {
      finish();
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
