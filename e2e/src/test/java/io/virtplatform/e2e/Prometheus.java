package io.virtplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus scraping the exporter every second under the job name the alerts expect, evaluating
 * a rule file every second and sending alerts to one Alertmanager; plus the query API.
 */
final class Prometheus implements AutoCloseable {

  static final String JOB = "virt-platform-exporter";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExternalProcess process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private Prometheus(ExternalProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts it with its config and data under {@code dir}, scraping the exporter over HTTPS with
   * {@code secured}'s token and CA, as the ServiceMonitor of deploy/ makes it scrape.
   */
  static Prometheus start(Path dir, String exporter, SecuredEndpoint secured, Path rules,
      String alertmanager, Duration readyTimeout) {
    Path binary = ExternalProcess.requireBinary("prometheus");
    int port = ExternalProcess.freePort();
    Path config = ExternalProcess.writeFile(dir.resolve("prometheus.yml"),
        config(exporter, secured, rules, alertmanager));
    ExternalProcess process = ExternalProcess.start("Prometheus", binary, List.of(
        "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        // Resend active alerts every second instead of every minute, so Alertmanager learns of a
        // resolution at once.
        "--rules.alert.resend-delay=1s"), dir.resolve("prometheus.log"));
    Prometheus prometheus = new Prometheus(process, port);
    process.awaitReady(URI.create(prometheus.address() + "/-/ready"), readyTimeout);
    return prometheus;
  }

  /** honor_labels keeps the exporter's namespace label, as the deploy/ scrape config does. */
  private static String config(String exporter, SecuredEndpoint secured, Path rules,
      String alertmanager) {
    return """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files:
          - '%s'
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['%s']
        scrape_configs:
          - job_name: %s
            honor_labels: true
            scheme: https
            authorization:
              type: Bearer
              credentials_file: '%s'
            tls_config:
              ca_file: '%s'
              server_name: %s
            static_configs:
              - targets: ['%s']
        """.formatted(rules, alertmanager, JOB, secured.tokenFile(), secured.caFile(),
        SecuredEndpoint.SERVER_NAME, exporter);
  }

  String address() {
    return "http://127.0.0.1:" + port;
  }

  String logTail() {
    return process.logTail();
  }

  /** The series an instant query returns now; a scalar or string result counts as one. */
  List<JsonNode> query(String promql) {
    JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8),
        "query " + promql);
    List<JsonNode> series = new ArrayList<>();
    if (data.path("resultType").asText().equals("vector")
        || data.path("resultType").asText().equals("matrix")) {
      data.path("result").forEach(series::add);
    } else {
      series.add(data.path("result"));
    }
    return series;
  }

  /** Pending and firing alerts, as the rule manager holds them. */
  List<JsonNode> alerts() {
    List<JsonNode> alerts = new ArrayList<>();
    get("/api/v1/alerts", "alerts").path("alerts").forEach(alerts::add);
    return alerts;
  }

  private JsonNode get(String pathAndQuery, String what) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(address() + pathAndQuery))
              .timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new AssertionError("Prometheus " + what + " failed: HTTP " + response.statusCode()
            + " " + body.path("errorType").asText() + ": " + body.path("error").asText());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new AssertionError("Prometheus " + what + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
