package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.util.Headers;
import io.virtplatform.exporter.core.drift.DriftReport;
import io.virtplatform.exporter.core.drift.EditWarActors;
import io.virtplatform.exporter.core.drift.TrackedResources;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.testing.HostileInput;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriftEndpointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExporterHttpServer server;

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpTestClient serve(Supplier<DriftReport> report) {
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0),
        MetricStore.forCatalog(), new SelfMetrics("test"), Optional::empty)
        .route("/drift", "drift explainer", new DriftPage(report))
        .route("/api/v1/drift", "drift explainer as JSON", new DriftApi(report));
    server.start();
    return new HttpTestClient(server);
  }

  @Test
  void explainsEachNonCompliantResourceFieldByFieldAsJson() throws Exception {
    TrackedResources resources = TrackedResources.golden("""
        apiVersion: kubevirt.io/v1
        kind: KubeVirt
        metadata: {name: kubevirt, namespace: kubevirt}
        spec:
          configuration:
            developerConfiguration:
              featureGates: [Snapshot]
            migrations: {bandwidthPerMigration: 1Gi}
          infra:
            nodePlacement:
              tolerations:
              - {key: dedicated, operator: Exists, effect: NoSchedule}
          workloadUpdateStrategy: {batchEvictionSize: 10}
        """, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: tuning, namespace: cdi}
        data: {maxUploadSize: 100Gi}
        """, """
        apiVersion: cdi.kubevirt.io/v1beta1
        kind: CDI
        metadata: {name: cdi}
        spec: {config: {featureGates: [HonorWaitForFirstConsumer]}}
        """, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: kubevirt}
        data: {a: "1"}
        """).live("""
        apiVersion: kubevirt.io/v1
        kind: KubeVirt
        metadata:
          name: kubevirt
          namespace: kubevirt
          annotations: {platform.kubevirt.io/reconcile-paused: "true"}
        spec:
          configuration:
            developerConfiguration:
              featureGates: [Snapshot]
            migrations: {bandwidthPerMigration: 64Mi}
          infra:
            nodePlacement:
              tolerations:
              - {key: other, operator: Exists}
              - {key: dedicated, operator: Equal, value: virt, effect: NoSchedule}
        """).live("""
        apiVersion: cdi.kubevirt.io/v1beta1
        kind: CDI
        metadata:
          name: cdi
          annotations: {platform.kubevirt.io/patch: 'not json'}
        """).live("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: kubevirt
          annotations: {platform.kubevirt.io/ignore-fields: /data/a}
        data: {a: "2"}
        """);

    HttpResponse<String> response = serve(resources::explain).get("/api/v1/drift");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue(Headers.CONTENT_TYPE_STRING))
        .contains("application/json; charset=utf-8");
    JsonNode body = JSON.readTree(response.body());
    String cdiProblem = body.at("/resources/0/problem").asText();
    assertThat(cdiProblem).startsWith("platform.kubevirt.io/patch is not valid JSON");
    assertThat(body).isEqualTo(JSON.readTree("""
        {"judgedResources": 4,
         "resources": [
          {"kind": "CDI", "apiVersion": "cdi.kubevirt.io/v1beta1", "namespace": "", "name": "cdi",
           "state": "INVALID_CUSTOMIZATION", "problem": %s, "fields": [],
           "customizations": {"types": ["patch"], "ignoredFields": [], "patch": "not json",
                              "reconcilePaused": false}},
          {"kind": "ConfigMap", "apiVersion": "v1", "namespace": "cdi", "name": "tuning",
           "state": "MISSING", "problem": null,
           "fields": [{"pointer": "/data/maxUploadSize", "path": ".data.maxUploadSize",
                       "desired": "100Gi", "live": null, "liveAbsent": true, "manager": null,
                       "valueHidden": false, "removed": false}],
           "customizations": {"types": [], "ignoredFields": [], "patch": null,
                              "reconcilePaused": false}},
          {"kind": "KubeVirt", "apiVersion": "kubevirt.io/v1", "namespace": "kubevirt",
           "name": "kubevirt", "state": "DRIFTED", "problem": null,
           "fields": [
            {"pointer": "/spec/configuration/migrations/bandwidthPerMigration",
             "path": ".spec.configuration.migrations.bandwidthPerMigration",
             "desired": "1Gi", "live": "64Mi", "liveAbsent": false, "manager": null,
             "valueHidden": false, "removed": false},
            {"pointer": "/spec/infra/nodePlacement/tolerations/0/operator",
             "path": ".spec.infra.nodePlacement.tolerations[1].operator",
             "desired": "Exists", "live": "Equal", "liveAbsent": false, "manager": null,
             "valueHidden": false, "removed": false},
            {"pointer": "/spec/workloadUpdateStrategy/batchEvictionSize",
             "path": ".spec.workloadUpdateStrategy.batchEvictionSize",
             "desired": 10, "live": null, "liveAbsent": true, "manager": null,
             "valueHidden": false, "removed": false}],
           "customizations": {"types": [], "ignoredFields": [], "patch": null,
                              "reconcilePaused": true}}],
         "customizations": [
          {"kind": "CDI", "apiVersion": "cdi.kubevirt.io/v1beta1", "namespace": "", "name": "cdi",
           "types": ["patch"], "ignoredFields": [], "patch": "not json",
           "reconcilePaused": false},
          {"kind": "ConfigMap", "apiVersion": "v1", "namespace": "kubevirt", "name": "settings",
           "types": ["ignore"], "ignoredFields": ["/data/a"], "patch": null,
           "reconcilePaused": false},
          {"kind": "KubeVirt", "apiVersion": "kubevirt.io/v1", "namespace": "kubevirt",
           "name": "kubevirt", "types": [], "ignoredFields": [], "patch": null,
           "reconcilePaused": true}],
         "editWars": [],
         "disabledResourcesProblems": []}
        """.formatted(JSON.writeValueAsString(cdiProblem))));
  }

  @Test
  void thePageShowsTheSameDataWithEveryValueEscaped() {
    TrackedResources resources = TrackedResources.golden("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: "a<b>&c", namespace: kubevirt}
        data: {script: "<script>alert('x')</script>", gone: "1"}
        """).live("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: "a<b>&c"
          namespace: kubevirt
          annotations: {platform.kubevirt.io/ignore-fields: '/data/x"y'}
          managedFields:
          - {manager: "<evil>", operation: Update, fieldsV1: {f:data: {f:script: {}}}}
        data: {script: "\\"&amp;\\""}
        """);

    HttpResponse<String> response = serve(resources::explain).get("/drift");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue(Headers.CONTENT_TYPE_STRING))
        .contains("text/html; charset=utf-8");
    assertThat(response.body())
        .contains("<h2>ConfigMap kubevirt/a&lt;b&gt;&amp;c</h2>")
        .contains("<td><code>.data.script</code><br><small>golden <code>/data/script</code>"
            + "</small></td>"
            + "<td><code>&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;</code></td>"
            + "<td><code>&quot;\\&quot;&amp;amp;\\&quot;&quot;</code></td>"
            + "<td>&lt;evil&gt;</td>")
        .contains("<td><code>.data.gone</code><br><small>golden <code>/data/gone</code>"
            + "</small></td><td><code>&quot;1&quot;</code></td>"
            + "<td><em class=\"absent\">absent</em></td><td></td>")
        .contains("ignore-fields <code>/data/x&quot;y</code>")
        .doesNotContain("<script>", "<evil>", "a<b>");
  }

  @Test
  void thePageSaysARemovedFieldWasRemovedAndThatKubernetesKeepsNoRecordOfWhoDidIt() {
    String golden = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: kubevirt}
        data: {keep: "1", drop: "2"}
        """;
    TrackedResources resources = TrackedResources.golden(golden)
        .live(settingsWrittenBy("auto<pilot>", "keep: \"1\", drop: \"2\""))
        .live(settingsWrittenBy("auto<pilot>", "keep: \"1\""));

    String page = serve(resources::explain).get("/drift").body();

    assertThat(page)
        .contains("<td><code>.data.drop</code><br><small>golden <code>/data/drop</code></small>"
            + "</td><td><code>&quot;2&quot;</code></td><td><em class=\"absent\">absent</em></td>"
            + "<td><strong>removed</strong>: written by auto&lt;pilot&gt;, removed since by"
            + " someone Kubernetes keeps no record of</td>")
        .contains("Kubernetes keeps no record of who removed it");
  }

  /** ConfigMap kubevirt/settings with {@code data}, all of it applied by {@code manager}. */
  private static String settingsWrittenBy(String manager, String data) {
    String owned = Arrays.stream(data.split(", ")).map(e -> "f:" + e.split(":")[0] + ": {}")
        .collect(Collectors.joining(", "));
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: kubevirt
          managedFields:
          - {manager: "%s", operation: Apply, fieldsV1: {f:data: {%s}}}
        data: {%s}
        """.formatted(manager, owned, data);
  }

  @Test
  void thePageSaysWhenEverythingIsCompliant() {
    TrackedResources resources = TrackedResources.golden("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: kubevirt}
        data: {a: "1"}
        """).live("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: kubevirt}
        data: {a: "1"}
        """);

    String page = serve(resources::explain).get("/drift").body();

    assertThat(page).contains("0 of 1 judged managed resources are not compliant")
        .contains("<h2>Customizations in effect</h2>\n<p>None.</p>")
        .doesNotContain("<table>");
  }

  /** A customization past a limit (the copy-doubling patch bomb) shows with its reason. */
  @Test
  void thePatchBombShowsAsAnInvalidCustomizationWithItsReason() throws Exception {
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
        """.formatted(HostileInput.copyBomb(24)));

    JsonNode body = JSON.readTree(serve(resources::explain).get("/api/v1/drift").body());

    assertThat(body.at("/resources/0/state").asText()).isEqualTo("INVALID_CUSTOMIZATION");
    assertThat(body.at("/resources/0/problem").asText()).isEqualTo(
        "platform.kubevirt.io/patch: operation 17 (copy /data/s/c16) would make the golden"
            + " document larger than 1048576 characters of JSON or deeper than 100 levels");
    assertThat(body.at("/resources/0/fields")).isEmpty();
  }

  @Test
  void editWarActorsAndDisabledResourcesProblemsAreListedEscaped() throws Exception {
    ResourceRef ref = new ResourceRef(new GroupVersionKind("storage.k8s.io", "v1",
        "StorageClass"), "", "virt-default");
    DriftReport report = new DriftReport(1, List.of(), List.of(),
        List.of(new EditWarActors(ref, new TreeMap<>(Map.of(
            "<intruder>", new TreeSet<>(Set.of(".metadata.annotations.a")),
            "virt-platform-autopilot", new TreeSet<>(Set.of(".metadata.annotations.a")))))),
        List.of("HyperConverged kubevirt-hyperconverged/kubevirt-hyperconverged: <bad>"));

    HttpTestClient client = serve(() -> report);
    JsonNode body = JSON.readTree(client.get("/api/v1/drift").body());
    assertThat(body.get("editWars")).isEqualTo(JSON.readTree("""
        [{"kind": "StorageClass", "apiVersion": "storage.k8s.io/v1", "namespace": "",
          "name": "virt-default",
          "actors": [{"manager": "<intruder>", "fields": [".metadata.annotations.a"]},
                     {"manager": "virt-platform-autopilot",
                      "fields": [".metadata.annotations.a"]}]}]
        """));
    assertThat(body.get("disabledResourcesProblems")).isEqualTo(JSON.readTree("""
        ["HyperConverged kubevirt-hyperconverged/kubevirt-hyperconverged: <bad>"]"""));

    String page = client.get("/drift").body();
    assertThat(page).contains("<h2>Edit wars in progress</h2>", "&lt;intruder&gt;",
        "<code>.metadata.annotations.a</code>", "<h2>Disabled resources not applied</h2>",
        "kubevirt-hyperconverged: &lt;bad&gt;").doesNotContain("<intruder>", "<bad>");
  }
}
