package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.core.cluster.KindPlurals;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.testing.MockApiServer;
import io.virtplatform.exporter.testing.ServedApisDispatcher;
import io.virtplatform.exporter.runtime.ExporterRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exporter starts from the files the rendered Deployment mounts, exactly where its arguments
 * say, against fabric8's mock API server holding the platform's APIs and the golden-state objects
 * as live objects, answering 403 to whatever the rendered RBAC does not grant: it turns ready and
 * reports every golden-state object compliant, every component and every dependency, so the RBAC
 * grants all the exporter reads.
 */
class DeployOnMockClusterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  // Kept referenced: the mock server logs every request at INFO.

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path pod;

  @ParameterizedTest
  @EnumSource(value = DeployVariant.class, names = {"BASE", "OPENSHIFT"})
  void theExporterRunsOnTheRenderedConfigAndGoldenState(DeployVariant variant) throws Exception {
    ExporterPodFiles files = ExporterPodFiles.write(variant.rendered(), pod);
    LoadedConfig loaded = files.load();
    assertThat(loaded.goldenState().objects()).as("golden state of %s", variant).isNotEmpty();

    ServedApisDispatcher dispatcher = new ServedApisDispatcher();
    try (MockApiServer server = new MockApiServer(dispatcher);
        KubernetesClient admin = server.newClient();
        KubernetesClient exporterClient = server.newClient()) {
      installPlatform(admin, loaded);
      // From here on the API server answers 403 to whatever the rendered RBAC does not grant the
      // exporter, as a real one would: every check must still report.
      dispatcher.forbid(notGranted(variant.rendered()), FORBIDDEN);
      try (ExporterRuntime runtime = ExporterRuntime.start(exporterClient, loaded,
          files.configFile(), new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC())) {
        String base = "http://127.0.0.1:" + runtime.port();
        awaitStatus(base + "/readyz", 200);
        awaitMetrics(base + "/metrics", metrics -> assertReportsThePlatform(metrics, loaded));
      }
    }
  }

  private static final String FORBIDDEN = "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
      + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"forbidden by the rendered"
      + " RBAC\",\"reason\":\"Forbidden\",\"code\":403}";

  /**
   * A regex for every resource path (not discovery) the rendered RBAC does not grant the exporter:
   * a ClusterRole grants its resources in every namespace and cluster-wide, a Role only in its
   * namespace.
   */
  private static String notGranted(RenderedManifests rendered) {
    List<String> granted = new java.util.ArrayList<>();
    ExporterGrants.clusterRules(rendered).forEach(rule -> rule.getApiGroups().forEach(group ->
        rule.getResources().forEach(resource ->
            granted.add(prefix(group) + "(namespaces/[^/]+/)?" + resource + "(/.*)?"))));
    ExporterGrants.namespacedRules(rendered).forEach((namespace, rules) -> rules.forEach(rule ->
        rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource ->
            granted.add(prefix(group) + "namespaces/" + namespace + "/" + resource
                + "(/.*)?")))));
    return "(?!(" + String.join("|", granted) + ")$)(/api/v1/.+|/apis/[^/]+/[^/]+/.+)";
  }

  private static String prefix(String group) {
    return group.isEmpty() ? "/api/v1/" : "/apis/" + java.util.regex.Pattern.quote(group)
        + "/[^/]+/";
  }

  private static void assertReportsThePlatform(MetricsText metrics, LoadedConfig loaded) {
    Map<List<String>, Double> compliance = new LinkedHashMap<>();
    metrics.named(ExportedMetric.COMPLIANCE_STATUS.metricName()).forEach(s -> compliance.put(
        List.of(s.labels().get("kind"), s.labels().get("namespace"), s.labels().get("name")),
        s.value()));
    Map<List<String>, Double> expected = new LinkedHashMap<>();
    loaded.goldenState().objects().forEach(o -> expected.put(
        List.of(o.ref().kind(), o.ref().namespace(), o.ref().name()), 1.0));
    assertThat(compliance).as("compliance (kind, namespace, name)").isEqualTo(expected);

    Map<String, Double> synced = new TreeMap<>();
    metrics.named(ExportedMetric.EXPORTER_INFORMER_SYNCED.metricName())
        .forEach(s -> synced.put(s.labels().get("resource"), s.value()));
    assertThat(synced).as("informers, none of them forbidden").isNotEmpty()
        .allSatisfy((resource, value) -> assertThat(value).as(resource).isEqualTo(1.0));

    Set<List<String>> components = new TreeSet<>(Comparator.comparing(Object::toString));
    metrics.named(ExportedMetric.COMPONENT_HEALTH.metricName()).forEach(s -> components.add(
        List.of(s.labels().get("component"), s.labels().get("namespace"))));
    assertThat(components).as("component health series (component, namespace)")
        .containsExactlyInAnyOrderElementsOf(loaded.config().components().stream()
            .map(c -> List.of(c.name(), c.namespace())).toList());

    Map<List<String>, Double> dependencies = new LinkedHashMap<>();
    metrics.named(ExportedMetric.MISSING_DEPENDENCY.metricName()).forEach(s -> dependencies.put(
        List.of(s.labels().get("group"), s.labels().get("version"), s.labels().get("kind")),
        s.value()));
    assertThat(dependencies).as("missing dependencies (group, version, kind)")
        .containsAllEntriesOf(loaded.config().dependencies().stream().collect(Collectors.toMap(
            d -> List.of(d.group(), d.version(), d.kind()), d -> 0.0)));
  }

  /**
   * CRDs for every dependency and golden-state kind, the namespaces, and each golden-state object
   * as a live object. No workloads: components report unhealthy, which is still a series.
   */
  private static void installPlatform(KubernetesClient client, LoadedConfig loaded) {
    Map<GroupVersionKind, Boolean> crds = new LinkedHashMap<>();
    loaded.config().dependencies().forEach(gvk -> crds.put(gvk, true));
    loaded.goldenState().objects().forEach(o -> {
      if (!ServedApisDispatcher.servesBuiltIn(o.ref().gvk().apiVersion(), o.ref().kind())) {
        crds.put(o.ref().gvk(), !o.ref().namespace().isEmpty());
      }
    });
    crds.forEach((gvk, namespaced) -> client.apiextensions().v1().customResourceDefinitions()
        .resource(new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName(KindPlurals.of(gvk) + "." + gvk.group()).endMetadata()
            .withNewSpec().withGroup(gvk.group()).withScope(namespaced ? "Namespaced" : "Cluster")
            .withNewNames().withKind(gvk.kind()).withPlural(KindPlurals.of(gvk))
            .withSingular(gvk.kind().toLowerCase(Locale.ROOT)).endNames()
            .addNewVersion().withName(gvk.version()).withServed(true).withStorage(true)
            .endVersion()
            .endSpec().build())
        .create());

    Set<String> namespaces = new TreeSet<>();
    loaded.config().components().stream().map(ComponentSpec::namespace).forEach(namespaces::add);
    loaded.goldenState().objects().stream().map(o -> o.ref().namespace())
        .filter(ns -> !ns.isEmpty()).forEach(namespaces::add);
    namespaces.forEach(ns -> client.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create());

    for (GoldenObject object : loaded.goldenState().objects()) {
      client.resource(RenderedManifests.SERIALIZATION.convertValue(
          object.desired(), GenericKubernetesResource.class)).create();
    }
  }

  private void awaitStatus(String url, int status) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (last.statusCode() == status) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(url + " did not answer " + status + " within " + TIMEOUT
        + (last == null ? "" : "; last answer " + last.statusCode() + ": " + last.body()));
  }

  private void awaitMetrics(String url, Consumer<MetricsText> assertion)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      try {
        assertion.accept(MetricsText.parse(body));
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }
}
