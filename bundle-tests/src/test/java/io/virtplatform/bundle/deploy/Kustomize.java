package io.virtplatform.bundle.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code kubectl kustomize}, the way users render the manifests, offline. */
final class Kustomize {

  private static final long TIMEOUT_SECONDS = 60;

  private Kustomize() {}

  /** The rendered multi-document YAML; fails with kubectl's own error message. */
  static String render(Path directory) {
    try {
      Path stdout = Files.createTempFile("kustomize", ".yaml");
      Path stderr = Files.createTempFile("kustomize", ".err");
      try {
        Process process = new ProcessBuilder(List.of("kubectl", "kustomize", directory.toString()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + directory + " did not finish in "
              + TIMEOUT_SECONDS + "s");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError("kubectl kustomize " + directory + " failed with exit code "
              + process.exitValue() + ":\n" + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kubectl (install kubectl 1.27 or later, which"
          + " embeds kustomize v5): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running kubectl kustomize", e);
    }
  }
}
