package io.virtplatform.bundle.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the real promtool found on the PATH (scripts/install-test-tools.sh installs it). */
final class Promtool {

  record Result(int exitCode, String output) {}

  private Promtool() {}

  static Result checkRules(Path ruleFile) {
    ProcessBuilder builder = new ProcessBuilder("promtool", "check", "rules", ruleFile.toString())
        .redirectErrorStream(true);
    try {
      Process process = builder.start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run promtool; install it with scripts/install-test-tools.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
