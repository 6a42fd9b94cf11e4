package io.virtplatform.exporter.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory held by responses being sent. A response is rendered to memory and kept
 * until the client has read it ({@link BufferedResponse}), so without a bound many slow clients
 * could hold many copies of a large {@code /drift} and exhaust the heap. Past the budget a
 * request gets 503 until earlier responses finish or time out.
 */
final class ResponseBudget {

  /** A quarter of the heap, at least 64 MB (64 MB with the deployed 256 MB heap). */
  static final long DEFAULT_BYTES =
      Math.max(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4);

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  ResponseBudget(long limit) {
    this.limit = limit;
  }

  /** Reserves {@code bytes} unless that would exceed the budget. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }
}
