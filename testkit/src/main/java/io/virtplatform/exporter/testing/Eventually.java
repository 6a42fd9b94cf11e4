package io.virtplatform.exporter.testing;

import java.time.Duration;

/** Retries an assertion until it passes or the timeout runs out; informers are asynchronous. */
public final class Eventually {

  private Eventually() {}

  public static void await(Duration timeout, Runnable assertion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) throw e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  public static void await(Runnable assertion) {
    await(Duration.ofSeconds(10), assertion);
  }
}
