package io.virtplatform.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the real {@code promtool check metrics}. A missing promtool fails the test instead of
 * skipping it: the README's test command installs it, and a skipped check proves nothing.
 */
public final class Promtool {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private Promtool() {}

  public static void assertMetricsPass(String exposition) {
    assertThat(Files.isExecutable(PROMTOOL))
        .as("%s is missing; run ./test.sh, which installs Debian's prometheus package", PROMTOOL)
        .isTrue();
    try {
      Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
          .redirectErrorStream(true).start();
      try (OutputStream stdin = promtool.getOutputStream()) {
        stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
      }
      String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(promtool.waitFor()).as("promtool check metrics said:%n%s", report).isZero();
    } catch (IOException e) {
      throw new AssertionError("could not run " + PROMTOOL, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running promtool", e);
    }
  }
}
