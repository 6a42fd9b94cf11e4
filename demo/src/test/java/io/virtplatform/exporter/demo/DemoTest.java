package io.virtplatform.exporter.demo;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.runtime.ExporterRuntime;
import io.virtplatform.exporter.testing.Promtool;
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
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo, assembled as the demo command assembles it, must show every row of the contract and a
 * firing condition of each check.
 */
class DemoTest {

  @TempDir static Path dir;
  private static DemoCluster cluster;
  private static KubernetesClient client;
  private static ExporterRuntime runtime;

  @BeforeAll
  static void startDemo() {
    Path configFile = DemoFiles.write(dir);
    LoadedConfig loaded = (LoadedConfig) new ConfigLoader().load(configFile);
    cluster = DemoCluster.start(loaded.config(), loaded.goldenState());
    cluster.startEditWar(Duration.ofMillis(150));
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

  private static String get(String path) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
              .header("Accept", "text/plain").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String labels(String kind, String name, String namespace) {
    return "kind=\"" + kind + "\",name=\"" + name + "\",namespace=\"" + namespace + "\"";
  }

  @Test
  void showsEveryRowOfTheMetricContract() {
    await(Duration.ofSeconds(20), () -> {
      get("/readyz");
      Series s = Series.parse(get("/metrics"));
      assertThat(s.get("virt_platform_compliance_status", labels("KubeVirt", "kubevirt",
          "kubevirt"))).isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status", labels("MigrationPolicy",
          "platform-default", ""))).isEqualTo(0.0);
      assertThat(s.get("virt_platform_compliance_status", labels("Deployment",
          "virt-platform-autopilot", "kubevirt")))
          .as("golden paused: false and hostNetwork: false, absent live").isEqualTo(1.0);
      var autopilot = client.apps().deployments().inNamespace("kubevirt")
          .withName("virt-platform-autopilot").get();
      assertThat(autopilot.getSpec().getPaused()).as("absent live, as a real server stores it")
          .isNull();
      assertThat(autopilot.getSpec().getTemplate().getSpec().getHostNetwork()).isNull();
      assertThat(s.get("virt_platform_drifted_fields", labels("MigrationPolicy",
          "platform-default", ""))).isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status", labels("CDI", "cdi", "")))
          .as("compliant through its patch").isEqualTo(1.0);
      assertThat(s.get("virt_platform_customization_info",
          labels("CDI", "cdi", "") + ",type=\"patch\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_customization_info",
          labels("ConfigMap", "virt-platform-settings", "kubevirt") + ",type=\"ignore\""))
          .isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status",
          labels("ConfigMap", "virt-platform-settings", "kubevirt")))
          .as("compliant thanks to ignore-fields").isEqualTo(1.0);
      assertThat(s.get("virt_platform_customization_info",
          labels("ConfigMap", "cdi-importer-tuning", "cdi") + ",type=\"unmanaged\""))
          .isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status",
          labels("ConfigMap", "cdi-importer-tuning", "cdi"))).as("unmanaged").isNull();
      assertThat(s.get("virt_platform_paused_resources",
          labels("ConfigMap", "cdi-uploadproxy-tuning", "cdi"))).isEqualTo(1.0);
      assertThat(s.get("virt_platform_customization_info",
          labels("ConfigMap", "virt-tuning-legacy", "kubevirt") + ",type=\"disabled\""))
          .as("disabled by the HyperConverged CR").isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status",
          labels("ConfigMap", "virt-tuning-legacy", "kubevirt"))).as("disabled").isNull();
      assertThat(s.get("virt_platform_disabled_resources_problems", labels("HyperConverged",
          "kubevirt-hyperconverged", "kubevirt-hyperconverged")))
          .as("the entry without a name is skipped").isEqualTo(1.0);
      assertThat(s.get("virt_platform_tombstone_status",
          labels("ConfigMap", "kubevirt-legacy-tuning", "kubevirt")))
          .as("retired by a tombstone, still there").isEqualTo(1.0);
      assertThat(s.get("virt_platform_missing_dependency",
          "group=\"ssp.kubevirt.io\",version=\"v1beta2\",kind=\"SSP\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_missing_dependency",
          "group=\"kubevirt.io\",version=\"v1\",kind=\"KubeVirt\"")).isEqualTo(0.0);
      assertThat(s.all("virt_platform_compliance_status")).as("SSP is not a sync failure")
          .doesNotContainKey("virt_platform_compliance_status{" + labels("SSP", "ssp-kubevirt",
              "kubevirt") + "}");
      assertThat(s.get("virt_platform_component_health",
          "component=\"cdi-uploadproxy\",namespace=\"cdi\"")).isEqualTo(0.0);
      assertThat(s.get("virt_platform_component_health",
          "component=\"virt-handler\",namespace=\"kubevirt\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_component_ready_replicas",
          "component=\"cdi-uploadproxy\",namespace=\"cdi\",workload=\"cdi-uploadproxy\""))
          .isEqualTo(0.0);
      assertThat(s.get("virt_platform_component_desired_replicas",
          "component=\"cdi-uploadproxy\",namespace=\"cdi\",workload=\"cdi-uploadproxy\""))
          .isEqualTo(1.0);
      assertThat(s.all("virt_platform_component_version_info")).hasSize(13);
      assertThat(s.get("virt_platform_exporter_config_reload_success")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_exporter_informer_synced",
          "resource=\"customresourcedefinitions.apiextensions.k8s.io\"")).isEqualTo(1.0);
    });
  }

  @Test
  void theDriftExplainerExplainsTheDemoDriftFieldByField() {
    await(Duration.ofSeconds(20), () -> {
      JsonNode drift = json(get("/api/v1/drift"));
      assertThat(find(drift.get("resources"), "MigrationPolicy", "", "platform-default"))
          .isEqualTo(json("""
              {"kind": "MigrationPolicy", "apiVersion": "migrations.kubevirt.io/v1alpha1",
               "namespace": "", "name": "platform-default", "state": "DRIFTED", "problem": null,
               "fields": [{"pointer": "/spec/bandwidthPerMigration",
                           "path": ".spec.bandwidthPerMigration", "desired": "1Gi",
                           "live": "64Mi", "liveAbsent": false, "manager": "kubectl-edit",
                           "valueHidden": false, "removed": false}],
               "customizations": {"types": [], "ignoredFields": [], "patch": null,
                                  "reconcilePaused": false}}
              """));
      JsonNode paused = find(drift.get("resources"), "ConfigMap", "cdi", "cdi-uploadproxy-tuning");
      assertThat(paused.get("state").asText()).isEqualTo("DRIFTED");
      assertThat(paused.at("/customizations/reconcilePaused").asBoolean()).isTrue();
      assertThat(paused.get("fields").toString()).isEqualTo("[{\"pointer\":\"/data/maxUploadSize\","
          + "\"path\":\".data.maxUploadSize\",\"desired\":\"100Gi\",\"live\":\"20Gi\","
          + "\"liveAbsent\":false,\"valueHidden\":false,\"manager\":\"rogue-admin\",\"removed\":false}]");
      assertThat(drift.get("resources").findValuesAsText("kind"))
          .as("the Deployment's zero values are judged satisfied").doesNotContain("Deployment");
      JsonNode customizations = drift.get("customizations");
      assertThat(find(customizations, "CDI", "", "cdi").get("types").toString())
          .isEqualTo("[\"patch\"]");
      assertThat(find(customizations, "ConfigMap", "kubevirt", "virt-platform-settings")
          .get("types").toString()).isEqualTo("[\"ignore\"]");
      assertThat(find(customizations, "ConfigMap", "cdi", "cdi-importer-tuning")
          .get("types").toString()).isEqualTo("[\"unmanaged\"]");
    });
    assertThat(get("/drift")).contains("<h2>MigrationPolicy platform-default</h2>")
        .contains("<td><code>.spec.bandwidthPerMigration</code><br><small>golden"
            + " <code>/spec/bandwidthPerMigration</code></small></td>"
            + "<td><code>&quot;1Gi&quot;</code></td><td><code>&quot;64Mi&quot;</code></td>"
            + "<td>kubectl-edit</td>");
    assertThat(get("/")).contains("<a href=\"/drift\">").contains("<a href=\"/api/v1/drift\">");
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static JsonNode find(JsonNode list, String kind, String namespace, String name) {
    return StreamSupport.stream(list.spliterator(), false)
        .filter(r -> r.get("kind").asText().equals(kind)
            && r.get("namespace").asText().equals(namespace)
            && r.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + namespace + "/" + name
            + " not listed in " + list));
  }

  @Test
  void theScriptedEditWarRaisesTheThrashingCounter() {
    String sc = labels("StorageClass", "virt-default", "");
    await(Duration.ofSeconds(20), () -> {
      Series s = Series.parse(get("/metrics"));
      assertThat(s.get("virt_platform_thrashing_total", sc)).isGreaterThanOrEqualTo(1.0);
      assertThat(s.get("virt_platform_edit_war_active", sc)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_edit_war_actor_info",
          sc + ",manager=\"storage-profile-operator\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_edit_war_actor_info",
          sc + ",manager=\"virt-platform-autopilot\"")).isEqualTo(1.0);
    });
  }

  @Test
  void showsTheWebhookAndStorageClassChecksFiring() {
    String kruise = "configuration=\"kruise-validating-webhook-configuration\","
        + "webhook=\"vcloneset.kb.io\",type=\"validating\"";
    String cdi = "configuration=\"cdi-api-datavolume-mutate\","
        + "webhook=\"datavolume-mutate.cdi.kubevirt.io\",type=\"mutating\"";
    await(Duration.ofSeconds(20), () -> {
      Series s = Series.parse(get("/metrics"));
      assertThat(s.get("virt_platform_webhook_endpoint_ready", kruise
          + ",service_namespace=\"kruise-system\",service=\"kruise-webhook-service\","
          + "failure_policy=\"Fail\"")).as("no ready endpoint, fails closed").isEqualTo(0.0);
      assertThat(s.get("virt_platform_webhook_endpoint_ready", cdi
          + ",service_namespace=\"cdi\",service=\"cdi-api\",failure_policy=\"Fail\""))
          .isEqualTo(1.0);
      Instant expiry = Instant.ofEpochSecond(
          s.get("virt_platform_webhook_ca_expiry_timestamp_seconds", cdi).longValue());
      assertThat(Duration.between(Instant.now(), expiry))
          .isBetween(WebhookAndStorageSeed.EXPIRING_CA_LIFETIME_LEFT.minusHours(1),
              WebhookAndStorageSeed.EXPIRING_CA_LIFETIME_LEFT);
      assertThat(s.get("virt_platform_default_storage_classes", "type=\"kubernetes\""))
          .isEqualTo(2.0);
      assertThat(s.all("virt_platform_default_storage_classes")).hasSize(2);
    });
  }

  @Test
  void showsTheLifecycleAndDataVolumeChecksFiring() {
    await(Duration.ofSeconds(20), () -> {
      Series s = Series.parse(get("/metrics"));
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
          + "owner_kind=\"InternalVirtualizationVirtualMachine\",reason=\"owner_kind_unserved\"";
      assertThat(s.get("virt_platform_dangling_owner_references", rewritten)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_dangling_owner_references_observed_total", rewritten))
          .isEqualTo(1.0);
    });
  }

  @Test
  void showsTheOperatorChecksFiring() {
    String kubevirt = labels("KubeVirt", "kubevirt", "kubevirt");
    String hco = labels("HyperConverged", "kubevirt-hyperconverged", "kubevirt-hyperconverged");
    await(Duration.ofSeconds(20), () -> {
      Series s = Series.parse(get("/metrics"));
      assertThat(s.get("virt_platform_operator_condition",
          kubevirt + ",condition=\"Available\",status=\"False\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_operator_condition",
          hco + ",condition=\"Degraded\",status=\"True\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_operator_version_info", hco
          + ",observed_version=\"1.13.0\",target_version=\"\",operator_version=\"\""))
          .isEqualTo(1.0);
      assertThat(s.get("virt_platform_operator_upgrade_stuck_seconds", kubevirt
          + ",observed_version=\"" + OperatorDemoSeed.OBSERVED_VERSION + "\",target_version=\""
          + OperatorDemoSeed.TARGET_VERSION + "\""))
          .as("upgrading for two hours").isGreaterThanOrEqualTo(
              (double) OperatorDemoSeed.UPGRADE_AGE.toSeconds());
    });
  }

  @Test
  void showsCapmoxIncompatibleWithTheClusterApiCoreNextToIt() {
    await(Duration.ofSeconds(20), () -> assertThat(Series.parse(get("/metrics")).all(
        "virt_platform_component_compatible")).containsExactly(Map.entry(
            "virt_platform_component_compatible{component=\"capmox-controller-manager\","
                + "requires=\"capi-controller-manager\"}", 0.0)));
  }

  @Test
  void showsTheCdiImportBlockersFiring() {
    await(Duration.ofSeconds(20), () -> {
      Series s = Series.parse(get("/metrics"));
      assertThat(s.all("virt_platform_datavolume_quota_insufficient")).containsExactly(
          Map.entry("virt_platform_datavolume_quota_insufficient{namespace=\"vm-imports\","
              + "name=\"rhel9-golden\"}", 1.0));
      assertThat(s.get("virt_platform_cdi_scratch_storage_class_missing",
          "name=\"config\",storage_class=\"nfs-legacy\"")).isEqualTo(1.0);
    });
  }

  @Test
  void promtoolAcceptsTheDemoOutput() {
    await(Duration.ofSeconds(20), () -> assertThat(Series.parse(get("/metrics"))
        .all("virt_platform_component_health")).isNotEmpty());
    Promtool.assertMetricsPass(get("/metrics"));
  }
}
