package io.virtplatform.exporter.demo;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.runtime.ExporterRuntime;
import io.virtplatform.exporter.testing.Series;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo shows a firing condition of each lifecycle and DataVolume check. */
class LifecycleDemoTest {

  @TempDir static Path dir;
  private static DemoCluster cluster;
  private static KubernetesClient client;
  private static ExporterRuntime runtime;

  @BeforeAll
  static void startDemo() {
    Path configFile = DemoFiles.write(dir);
    LoadedConfig loaded = (LoadedConfig) new ConfigLoader().load(configFile);
    cluster = DemoCluster.start(loaded.config(), loaded.goldenState());
    client = cluster.newClient();
    runtime = ExporterRuntime.start(client, loaded, configFile,
        new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
  }

  @AfterAll
  static void stopDemo() {
    runtime.close();
    client.close();
    cluster.close();
  }

  private static Series metrics() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/metrics"))
              .header("Accept", ExpositionFormat.PROMETHEUS_TEXT_004.contentType()).build(),
          HttpResponse.BodyHandlers.ofString());
      return Series.parse(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET /metrics failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void eachCheckHasAFiringConditionSeeded() {
    await(Duration.ofSeconds(20), () -> {
      Series s = metrics();
      assertThat(s.get("virt_platform_datavolume_stuck_age_seconds",
          "namespace=\"vm-workloads\",name=\"rhel9-root-disk\",phase=\"ImportInProgress\""))
          .as("created two hours ago").isGreaterThanOrEqualTo(2 * 3600.0);
      assertThat(s.get("virt_platform_datavolumes",
          "namespace=\"vm-workloads\",phase=\"Succeeded\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_cdi_worker_pod_waiting",
          "namespace=\"vm-workloads\",name=\"importer-rhel9-root-disk\","
              + "reason=\"CrashLoopBackOff\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_cdi_worker_pod_restarts_total",
          "namespace=\"vm-workloads\",name=\"importer-rhel9-root-disk\"")).isEqualTo(7.0);
      assertThat(s.get("virt_platform_cdi_worker_pod_waiting",
          "namespace=\"vm-workloads\",name=\"cdi-upload-win2022-upload\","
              + "reason=\"Unschedulable\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_stuck_terminating_seconds",
          "kind=\"VirtualMachine\",namespace=\"vm-workloads\",name=\"legacy-db\","
              + "finalizer=\"kubevirt.io/virtualMachineControllerFinalize\""))
          .as("deleted an hour ago").isGreaterThanOrEqualTo(3600.0);
      assertThat(s.get("virt_platform_stuck_terminating_seconds",
          "kind=\"ProxmoxMachine\",namespace=\"capi-clusters\",name=\"worker-md-0-x7k2p\","
              + "finalizer=\"proxmoxmachine.infrastructure.cluster.x-k8s.io\"")).isNotNull();
      assertThat(s.get("virt_platform_stuck_terminating_seconds",
          "kind=\"Machine\",namespace=\"capi-clusters\",name=\"worker-md-0-x7k2p\","
              + "finalizer=\"machine.cluster.x-k8s.io\"")).isNotNull();
      String rewritten = "kind=\"VirtualMachineInstance\",namespace=\"vm-workloads\","
          + "owner_api_version=\"internal.virtualization.deckhouse.io/v1\","
          + "owner_kind=\"InternalVirtualizationVirtualMachine\"";
      assertThat(s.get("virt_platform_dangling_owner_references", rewritten)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_dangling_owner_references_observed_total", rewritten))
          .isEqualTo(1.0);
    });
  }
}
