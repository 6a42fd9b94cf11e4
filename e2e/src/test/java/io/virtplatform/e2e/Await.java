package io.virtplatform.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Retries an assertion until it holds, for things that happen a few scrapes later. */
final class Await {

  private static final Duration POLL = Duration.ofMillis(500);

  private Await() {}

  /**
   * Runs {@code assertion} until it passes. On timeout, fails with its last failure plus
   * {@code context}, which tells what the stack was doing at that moment.
   */
  static void until(String what, Duration timeout, Runnable assertion, Supplier<String> context) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("Not within " + timeout.toSeconds() + "s: " + what + "\n"
              + e.getMessage() + "\n" + context.get(), e);
        }
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what, e);
      }
    }
  }
}
