package io.virtplatform.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server binary run as a child process, with its output in a log file. It is stopped through
 * its own handle: on {@link #close()}, and by a shutdown hook if the test JVM is killed first.
 */
final class ExternalProcess implements AutoCloseable {

  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 30;

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread killOnExit;

  private ExternalProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Finds the first of {@code candidates} on the PATH, failing with an install hint: the test
   * must not pass just because a tool is missing.
   */
  static Path requireBinary(String... candidates) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String candidate : candidates) {
        Path binary = Path.of(dir, candidate);
        if (Files.isExecutable(binary)) {
          return binary;
        }
      }
    }
    throw new AssertionError("none of " + List.of(candidates) + " is on the PATH. Install them with"
        + " scripts/install-test-tools.sh (Debian packages prometheus and prometheus-alertmanager).");
  }

  /** A port that was free a moment ago on the loopback address. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback address", e);
    }
  }

  /** Writes a config file for a process. */
  static Path writeFile(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static ExternalProcess start(String name, Path binary, List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      return new ExternalProcess(name, process, log);
    } catch (IOException e) {
      throw new AssertionError("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /**
   * Waits until {@code readyUrl} answers 200, failing early if the process exits. A process that
   * does not become ready is stopped before the failure is thrown, so no caller leaks it.
   */
  void awaitReady(URI readyUrl, Duration timeout) {
    try {
      pollReady(readyUrl, timeout);
    } catch (AssertionError e) {
      close();
      throw e;
    }
  }

  private void pollReady(URI readyUrl, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(timeout);
    String lastProblem = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with code " + process.exitValue()
            + " before it was ready. Last lines of " + log + ":\n" + logTail());
      }
      try {
        HttpResponse<Void> response = http.send(
            HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
        lastProblem = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + name, e);
      }
      sleep(POLL);
    }
    throw new AssertionError(name + " was not ready at " + readyUrl + " within " + timeout
        + " (" + lastProblem + "). Last lines of " + log + ":\n" + logTail());
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
          lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeShutdownHook();
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and runs the hook itself.
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
