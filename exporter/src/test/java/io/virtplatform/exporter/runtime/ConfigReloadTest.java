package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.testing.MockCluster;
import io.virtplatform.exporter.testing.Series;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running exporter whose golden state is edited on disk: a broken edit keeps the last good
 * state and says so in {@code virt_platform_exporter_config_reload_success}; a good edit applies.
 */
class ConfigReloadTest {

  private static final String TUNING = "kind=\"ConfigMap\",name=\"tuning\",namespace=\"cdi\"";
  private static final Duration RELOAD = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final MockCluster cluster = new MockCluster();
  private KubernetesClient exporterClient;
  private ExporterRuntime runtime;
  private Path golden;

  @BeforeEach
  void start() throws IOException {
    cluster.client().configMaps().inNamespace("cdi").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("tuning").withNamespace("cdi").endMetadata()
        .addToData("scratchSpaceFactor", "2").build()).create();
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "goldenState:\n  directories: [golden]\n");
    golden = Files.createDirectories(dir.resolve("golden")).resolve("tuning.yaml");
    writeGolden("\"2\"");
    exporterClient = cluster.newClient();
    runtime = ExporterRuntime.start(exporterClient,
        (LoadedConfig) new ConfigLoader().load(config), config,
        new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    runtime.close();
    exporterClient.close();
    cluster.close();
  }

  private void writeGolden(String scratchSpaceFactor) throws IOException {
    Files.writeString(golden, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tuning\n"
        + "  namespace: cdi\ndata:\n  scratchSpaceFactor: " + scratchSpaceFactor + "\n");
  }

  private Series metrics() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + runtime.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      return Series.parse(response.body());
    } catch (IOException e) {
      throw new AssertionError("scrape failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aBrokenEditKeepsTheLastGoodStateAndAGoodEditApplies() throws IOException {
    await(() -> {
      assertThat(metrics().get("virt_platform_compliance_status", TUNING)).isEqualTo(1.0);
      assertThat(metrics().get("virt_platform_exporter_config_reload_success")).isEqualTo(1.0);
    });

    Files.writeString(golden, "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
    await(RELOAD, () -> assertThat(
        metrics().get("virt_platform_exporter_config_reload_success")).isEqualTo(0.0));
    assertThat(metrics().get("virt_platform_compliance_status", TUNING))
        .as("still judged against the last good golden state").isEqualTo(1.0);

    writeGolden("\"3\"");
    await(RELOAD, () -> {
      assertThat(metrics().get("virt_platform_exporter_config_reload_success")).isEqualTo(1.0);
      assertThat(metrics().get("virt_platform_compliance_status", TUNING)).isEqualTo(0.0);
      assertThat(metrics().get("virt_platform_drifted_fields", TUNING)).isEqualTo(1.0);
    });
  }
}
