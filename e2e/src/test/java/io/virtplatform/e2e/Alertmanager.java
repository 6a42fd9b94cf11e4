package io.virtplatform.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Alertmanager with clustering off, routing every alert on its own to one webhook. */
final class Alertmanager implements AutoCloseable {

  private final ExternalProcess process;
  private final int port;

  private Alertmanager(ExternalProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts it with its config and data under {@code dir}. */
  static Alertmanager start(Path dir, URI webhook, Duration readyTimeout) {
    Path binary = ExternalProcess.requireBinary("prometheus-alertmanager", "alertmanager");
    int port = ExternalProcess.freePort();
    Path config = ExternalProcess.writeFile(dir.resolve("alertmanager.yml"), config(webhook));
    ExternalProcess process = ExternalProcess.start("Alertmanager", binary, List.of(
        "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address="), dir.resolve("alertmanager.log"));
    Alertmanager alertmanager = new Alertmanager(process, port);
    process.awaitReady(URI.create(alertmanager.address() + "/-/ready"), readyTimeout);
    return alertmanager;
  }

  /**
   * group_by '...' gives every alert its own group, so each notification carries one alert; the
   * one-second waits let firing and resolved notifications follow within seconds.
   */
  private static String config(URI webhook) {
    return """
        route:
          receiver: test-webhook
          group_by: ['...']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: test-webhook
            webhook_configs:
              - url: '%s'
                send_resolved: true
        """.formatted(webhook);
  }

  String address() {
    return "http://127.0.0.1:" + port;
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
