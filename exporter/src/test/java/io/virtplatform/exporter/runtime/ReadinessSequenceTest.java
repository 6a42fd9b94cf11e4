package io.virtplatform.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.testing.MockCluster;
import io.virtplatform.exporter.testing.Recordings;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /readyz sampled every 10 ms from the start of a whole exporter: 503 until the config is
 * applied, every watch has synced and the listed objects are judged, then 200 for good, and every
 * self-metric family and the first lists' series are on /metrics from the first 200 on. A golden kind the server no longer serves does not hold it up.
 */
class ReadinessSequenceTest {

  @TempDir Path dir;
  private final MockCluster cluster = new MockCluster();
  private final HttpClient http = HttpClient.newHttpClient();
  private KubernetesClient exporterClient;
  private ExporterRuntime runtime;

  @AfterEach
  void stop() {
    if (runtime != null) runtime.close();
    if (exporterClient != null) exporterClient.close();
    cluster.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + runtime.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readinessNeverStepsBackFrom200AndEverySelfFamilyIsThereAtTheFirst200() throws Exception {
    Recordings.createStored(cluster.client(), "01-namespace.yaml");
    Recordings.createStored(cluster.client(), "09-configmap.yaml");
    cluster.client().apps().deployments().inNamespace("rec").resource(new DeploymentBuilder()
        .withNewMetadata().withName("virt-api").withNamespace("rec").endMetadata()
        .withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withObservedGeneration(1L).withReadyReplicas(1).withUpdatedReplicas(1)
        .endStatus().build()).create();
    Path golden = Files.createDirectories(dir.resolve("golden"));
    Files.writeString(golden.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: odd-strings\n  namespace: rec\ndata:\n  number: \"42\"\n");
    Files.writeString(golden.resolve("pdb.yaml"), "apiVersion: policy/v1beta1\n"
        + "kind: PodDisruptionBudget\nmetadata:\n  name: virt-api\n  namespace: rec\n"
        + "spec:\n  minAvailable: 1\n");
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "goldenState:\n  directories: [golden]\ncomponents:\n"
        + "  - name: virt-api\n    namespace: rec\n    workloads:\n"
        + "      - {kind: Deployment, name: virt-api}\n");
    exporterClient = cluster.newClient();

    runtime = ExporterRuntime.start(exporterClient, (LoadedConfig) new ConfigLoader().load(config),
        null, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
    List<Integer> codes = new ArrayList<>();
    Series atFirstReady = null;
    long deadline = System.nanoTime() + 30_000_000_000L;
    long stopAt = Long.MAX_VALUE;
    while (System.nanoTime() < Math.min(deadline, stopAt)) {
      int code = get("/readyz").statusCode();
      codes.add(code);
      if (code == 200 && atFirstReady == null) {
        atFirstReady = Series.parse(get("/metrics").body());
        stopAt = System.nanoTime() + 3_000_000_000L;
      }
      Thread.sleep(10);
    }

    assertThat(codes).as("readiness samples").contains(200);
    List<Integer> afterFirstReady = codes.subList(codes.indexOf(200), codes.size());
    assertThat(afterFirstReady).as("no 200 -> 503 step").containsOnly(200);
    assertThat(codes.subList(0, codes.indexOf(200))).containsOnly(503);
    Series first = atFirstReady;
    Arrays.stream(ExportedMetric.values())
        .filter(m -> m.origin() == ExportedMetric.Origin.SELF)
        // Its series name the TLS files of a web config; this exporter serves plain HTTP.
        .filter(m -> m != ExportedMetric.EXPORTER_TLS_RELOAD_SUCCESS)
        .forEach(m -> assertThat(first.all(m.metricName()))
            .as("%s at the first 200", m.metricName()).isNotEmpty());
    assertThat(first.get("virt_platform_exporter_config_reload_success")).isEqualTo(1.0);
    assertThat(first.get("virt_platform_exporter_informer_synced", "resource=\"configmaps\""))
        .isEqualTo(1.0);
    assertThat(first.get("virt_platform_exporter_informer_synced",
        "resource=\"deployments.apps\"")).isEqualTo(1.0);
    assertThat(first.get("virt_platform_missing_dependency",
        "group=\"policy\",version=\"v1beta1\",kind=\"PodDisruptionBudget\"")).isEqualTo(1.0);
    // The first lists' objects are judged before the first 200, not after it.
    assertThat(first.get("virt_platform_compliance_status",
        "kind=\"ConfigMap\",name=\"odd-strings\",namespace=\"rec\"")).isEqualTo(1.0);
    assertThat(first.get("virt_platform_component_health",
        "component=\"virt-api\",namespace=\"rec\"")).isEqualTo(1.0);
    Series later = Series.parse(get("/metrics").body());
    assertThat(later.get("virt_platform_exporter_last_evaluation_timestamp_seconds"))
        .isPositive();
  }
}
