package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtplatform.exporter.core.drift.TrackedResources;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reason a customization is past a limit reaches /api/v1/drift. */
class HostileCustomizationDriftTest {

  private ExporterHttpServer server;

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void theCopyDoublingBombShowsAsAnInvalidCustomizationWithItsReason() throws Exception {
    String bomb = IntStream.range(0, 24)
        .mapToObj(i -> "{\"op\":\"copy\",\"from\":\"/data/s\",\"path\":\"/data/s/c" + i + "\"}")
        .collect(Collectors.joining(",",
            "[{\"op\":\"add\",\"path\":\"/data/s\",\"value\":{\"k\":\"v\"}},", "]"));
    TrackedResources resources = TrackedResources.golden("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: kubevirt}
        data: {a: "1"}
        """).live("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: kubevirt
          annotations: {platform.kubevirt.io/patch: '%s'}
        data: {a: "1"}
        """.formatted(bomb));
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0),
        MetricStore.forCatalog(), new SelfMetrics("test"), Optional::empty)
        .route("/api/v1/drift", "drift explainer as JSON", new DriftApi(resources::explain));
    server.start();

    JsonNode body = new ObjectMapper().readTree(
        new HttpTestClient(server).get("/api/v1/drift").body());

    assertThat(body.at("/resources/0/state").asText()).isEqualTo("INVALID_CUSTOMIZATION");
    assertThat(body.at("/resources/0/problem").asText()).isEqualTo(
        "platform.kubevirt.io/patch: operation 17 (copy /data/s/c16) would make the golden"
            + " document larger than 1048576 characters of JSON or deeper than 100 levels");
    assertThat(body.at("/resources/0/fields")).isEmpty();
  }
}
