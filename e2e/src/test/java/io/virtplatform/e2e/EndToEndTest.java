package io.virtplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain as users run it: the demo exporter sees a cluster with problems, a real
 * Prometheus scrapes it and evaluates this bundle's rules (hold times shortened), a real
 * Alertmanager delivers the alerts to a webhook, with their runbook links; fixing the drift
 * resolves its alert, and stopping the exporter pages that it is down. On the way, every dashboard
 * query is run against the live data.
 */
class EndToEndTest {

  private static final Duration SERVER_READY = Duration.ofSeconds(30);
  /** The shortened hold time plus a few scrape, evaluation and group_wait seconds, with slack. */
  private static final Duration ALERT_DELIVERED = Duration.ofSeconds(45);
  private static final Duration DASHBOARD_DATA = Duration.ofSeconds(15);
  /** The demo's edit war, sped up: a burst of ten flips, then quiet, well inside its window. */
  private static final Duration EDIT_WAR_FLIP_INTERVAL = Duration.ofMillis(200);

  private static final Map<String, String> DRIFTED_POLICY =
      Map.of("kind", "MigrationPolicy", "name", "platform-default");
  private static final Map<String, String> EDIT_WAR_STORAGE_CLASS =
      Map.of("kind", "StorageClass", "name", "virt-default", "reason", "edit_war");
  private static final Map<String, String> PAUSED_CONFIG_MAP = Map.of("kind", "ConfigMap",
      "namespace", "cdi", "name", "cdi-uploadproxy-tuning", "reason", "reconcile_paused");
  private static final Map<String, String> MISSING_SSP_API =
      Map.of("group", "ssp.kubevirt.io", "version", "v1beta2", "kind", "SSP");
  private static final Map<String, String> UNREADY_COMPONENT =
      Map.of("component", "cdi-uploadproxy", "namespace", "cdi");
  private static final Map<String, String> TWO_DEFAULT_STORAGE_CLASSES =
      Map.of("type", "kubernetes");
  private static final Map<String, String> DEGRADED_HYPERCONVERGED = Map.of(
      "kind", "HyperConverged", "namespace", "kubevirt-hyperconverged",
      "name", "kubevirt-hyperconverged");
  private static final Map<String, String> RETIRED_CONFIG_MAP = Map.of("kind", "ConfigMap",
      "namespace", "kubevirt", "name", "kubevirt-legacy-tuning");
  private static final String UNMANAGED_CONFIG_MAP = "cdi-importer-tuning";

  /**
   * Dashboard queries for which no data is right here: they are meant to return nothing on a
   * healthy platform, or they count changes that the demo makes before Prometheus first scrapes
   * it. Keyed by dashboard uid, panel title and query refId.
   */
  private static final Map<PanelQuery, String> EMPTY_WHILE_HEALTHY = Map.of(
      new PanelQuery("virt-platform-exporter", "Watch errors", "A"),
      "keeps only resources whose watch-error rate is above zero; the demo API server never"
          + " breaks a watch",
      new PanelQuery("virt-platform-exporter", "Threads", "B"),
      "deadlocked threads, kept only when above zero; a healthy exporter has none",
      new PanelQuery("virt-platform-overview", "CDI worker pod restarts", "A"),
      "restarts per interval, kept only when above zero; the demo's crash-looping importer pod"
          + " reports a fixed restart count, so its counter never moves while scraped",
      new PanelQuery("virt-platform-overview", "Objects seen with a dangling owner", "A"),
      "new sightings per interval, kept only when above zero; the demo's VMI with a dangling"
          + " owner is counted at startup, before the first scrape, and none appears later");

  private record PanelQuery(String uid, String panelTitle, String refId) {
    static PanelQuery of(DashboardQuery q) {
      return new PanelQuery(q.uid(), q.panelTitle(), q.refId());
    }
  }

  @TempDir Path dir;

  private final RuleFile realRules = RuleFile.read(Repository.RULES);
  private final List<AutoCloseable> started = new ArrayList<>();
  private WebhookReceiver receiver;
  private DemoExporter exporter;
  private Alertmanager alertmanager;
  private Prometheus prometheus;

  @Test
  @Timeout(value = 170, unit = TimeUnit.SECONDS)
  void fromADriftedObjectToAPageWithARunbookAndBack() throws IOException {
    startTheStack();

    assertPaged("VirtPlatformSyncFailed", DRIFTED_POLICY, Instant.EPOCH);
    assertPaged("VirtPlatformThrashingDetected", EDIT_WAR_STORAGE_CLASS, Instant.EPOCH);
    assertPaged("VirtPlatformThrashingDetected", PAUSED_CONFIG_MAP, Instant.EPOCH);
    assertPaged("VirtPlatformDependencyMissing", MISSING_SSP_API, Instant.EPOCH);
    assertPaged("VirtPlatformComponentDown", UNREADY_COMPONENT, Instant.EPOCH);
    // One alert of the diagnostics taken from the troubleshooting documents (CDI's seed).
    assertPaged("VirtPlatformDefaultStorageClassMisconfigured", TWO_DEFAULT_STORAGE_CLASSES,
        Instant.EPOCH);
    // One alert of the operator checks (seeds 000 and 001), read from the operators' CRs.
    assertPaged("VirtPlatformOperatorDegraded", DEGRADED_HYPERCONVERGED, Instant.EPOCH);
    // One alert of the autopilot's newer features: an object a tombstone retires still exists.
    assertPaged("VirtPlatformTombstoneStuck", RETIRED_CONFIG_MAP, Instant.EPOCH);
    // By now the drifted object, under the same rule and hold time, has paged.
    assertNoAlertForTheUnmanagedResource();

    assertEveryDashboardQueryHasData();

    Instant fixedAt = Instant.now();
    fixTheDriftedPolicy();
    Await.until("the exporter reports MigrationPolicy platform-default compliant",
        ALERT_DELIVERED, () -> assertThat(values(prometheus.query(
            "virt_platform_compliance_status{kind=\"MigrationPolicy\",name=\"platform-default\"}")))
            .containsExactly("1"), this::context);
    awaitReceived("VirtPlatformSyncFailed", DRIFTED_POLICY, ReceivedAlert::resolved, fixedAt);

    Instant stoppedAt = Instant.now();
    exporter.stop();
    // absent() of a comparison keeps no labels of its selector: only the rule's labels remain.
    assertPaged("VirtPlatformExporterDown", Map.of(), stoppedAt);

    assertNoAlertForTheUnmanagedResource();
    assertThat(receiver.unreadableNotifications()).as("notifications that were not webhook JSON")
        .isEmpty();
  }

  @AfterEach
  void stopEverythingStarted() {
    List<AutoCloseable> reversed = new ArrayList<>(started);
    Collections.reverse(reversed);
    AssertionError failure = null;
    for (AutoCloseable closeable : reversed) {
      try {
        closeable.close();
      } catch (Exception | AssertionError e) {
        if (failure == null) {
          failure = new AssertionError("could not stop everything the test started");
        }
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void startTheStack() throws IOException {
    receiver = track(WebhookReceiver.start());
    SecuredEndpoint secured =
        track(new SecuredEndpoint(Files.createDirectory(dir.resolve("tls"))));
    exporter =
        track(DemoExporter.start(Files.createDirectory(dir.resolve("exporter")), secured));
    exporter.awaitReady(SERVER_READY);
    // As deployed: no token, 401; Prometheus' token may scrape but not read object values.
    assertThat(exporter.status("/metrics", null)).isEqualTo(401);
    assertThat(exporter.status("/drift", SecuredEndpoint.PROMETHEUS_TOKEN)).isEqualTo(403);
    alertmanager = track(Alertmanager.start(Files.createDirectory(dir.resolve("alertmanager")),
        receiver.url(), SERVER_READY));
    Path rules = realRules.withShortHoldTimes().writeTo(dir.resolve("virt-platform.rules.yaml"));
    prometheus = track(Prometheus.start(Files.createDirectory(dir.resolve("prometheus")),
        exporter.hostPort(), secured, rules, alertmanager.hostPort(), SERVER_READY));
    Await.until("Prometheus scrapes the exporter", SERVER_READY,
        () -> assertThat(values(prometheus.query("up{job=\"" + Prometheus.JOB + "\"}")))
            .containsExactly("1"), this::context);
    // Only now, so Prometheus sees the episode counter rise from 0, as it would in production.
    exporter.startEditWar(EDIT_WAR_FLIP_INTERVAL);
  }

  private <T extends AutoCloseable> T track(T closeable) {
    started.add(closeable);
    return closeable;
  }

  /**
   * Waits for the alert, then checks what a person paged by it gets: exactly the object's labels
   * plus the rule's, and a runbook link to a runbook that exists.
   */
  private void assertPaged(String alertname, Map<String, String> objectLabels, Instant since) {
    ReceivedAlert alert = awaitReceived(alertname, objectLabels, ReceivedAlert::firing, since);
    Map<String, String> expected = new HashMap<>(objectLabels);
    expected.putAll(realRules.labelsOf(alertname));
    expected.put("alertname", alertname);
    assertThat(alert.labels()).as("labels of %s", alert).isEqualTo(expected)
        .containsEntry("kubernetes_operator_part_of", "kubevirt")
        .containsEntry("kubernetes_operator_component", "virt-platform-exporter")
        .containsKeys("severity", "operator_health_impact");
    for (String text : List.of("summary", "description")) {
      assertThat(alert.annotations().get(text)).as("%s of %s", text, alert)
          .isNotBlank().doesNotContain("<no value>").doesNotContain("{{");
    }
    String runbook = alert.annotations().get("runbook_url");
    assertThat(runbook).as("runbook_url of %s", alert)
        .startsWith("https://").endsWith("/runbooks/" + alertname + ".md");
    assertThat(Repository.RUNBOOKS.resolve(runbook.substring(runbook.lastIndexOf('/') + 1)))
        .as("the runbook that %s links to", alert).isRegularFile();
  }

  private ReceivedAlert awaitReceived(String alertname, Map<String, String> labels,
      Predicate<ReceivedAlert> status, Instant since) {
    String what = alertname + " " + labels + " received";
    Await.until(what, ALERT_DELIVERED,
        () -> assertThat(received(alertname, labels, status, since)).as(what).isPresent(),
        this::context);
    return received(alertname, labels, status, since).orElseThrow();
  }

  private Optional<ReceivedAlert> received(String alertname, Map<String, String> labels,
      Predicate<ReceivedAlert> status, Instant since) {
    return receiver.alerts().stream()
        .filter(a -> a.matches(alertname, labels) && status.test(a)
            && !a.receivedAt().isBefore(since))
        .findFirst();
  }

  private void assertNoAlertForTheUnmanagedResource() {
    assertThat(receiver.alerts()).as("notifications about the unmanaged ConfigMap")
        .noneMatch(a -> UNMANAGED_CONFIG_MAP.equals(a.labels().get("name")));
    assertThat(prometheus.alerts()).as("pending or firing alerts about the unmanaged ConfigMap")
        .noneMatch(a -> a.path("labels").path("name").asText().equals(UNMANAGED_CONFIG_MAP));
  }

  /**
   * Runs every panel query of every dashboard as Grafana would, all variables on "All". Each must
   * be valid and, unless listed in {@link #EMPTY_WHILE_HEALTHY}, return at least one series.
   */
  private void assertEveryDashboardQueryHasData() {
    List<DashboardQuery> queries = DashboardQuery.readAll(Repository.DASHBOARDS);
    if (queries.isEmpty()) {
      System.out.println("No panel queries in " + Repository.DASHBOARDS + ": nothing to check.");
      return;
    }
    Set<PanelQuery> present = queries.stream().map(PanelQuery::of).collect(Collectors.toSet());
    Set<String> dashboards = queries.stream().map(DashboardQuery::uid).collect(Collectors.toSet());
    assertThat(EMPTY_WHILE_HEALTHY.keySet())
        .as("listed empty panels that no longer exist in their dashboard")
        .filteredOn(p -> dashboards.contains(p.uid()))
        .allMatch(present::contains);
    Await.until("every dashboard query returns data", DASHBOARD_DATA, () -> {
      List<String> empty = new ArrayList<>();
      for (DashboardQuery query : queries) {
        if (prometheus.query(query.promql()).isEmpty()
            && !EMPTY_WHILE_HEALTHY.containsKey(PanelQuery.of(query))) {
          empty.add(query.file() + ": " + query);
        }
      }
      assertThat(empty).as("dashboard queries without data").isEmpty();
    }, this::context);
  }

  @SuppressWarnings("unchecked")
  private void fixTheDriftedPolicy() {
    exporter.cluster()
        .genericKubernetesResources("migrations.kubevirt.io/v1alpha1", "MigrationPolicy")
        .withName("platform-default")
        .edit(policy -> {
          ((Map<String, Object>) policy.getAdditionalProperties().get("spec"))
              .put("bandwidthPerMigration", "1Gi");
          return policy;
        });
  }

  private static List<String> values(List<JsonNode> series) {
    return series.stream().map(s -> s.path("value").path(1).asText()).toList();
  }

  /** What the stack was doing, for failure messages. */
  private String context() {
    StringBuilder out = new StringBuilder("Received by the webhook:\n");
    receiver.alerts().forEach(a -> out.append("  ").append(a).append('\n'));
    if (prometheus != null) {
      out.append("Prometheus alerts now:\n");
      try {
        prometheus.alerts().forEach(a -> out.append("  ").append(a.path("state").asText())
            .append(' ').append(a.path("labels")).append('\n'));
      } catch (AssertionError e) {
        out.append("  (cannot list: ").append(e.getMessage()).append(")\n");
      }
      out.append("Prometheus log:\n").append(prometheus.logTail()).append('\n');
    }
    if (alertmanager != null) {
      out.append("Alertmanager log:\n").append(alertmanager.logTail()).append('\n');
    }
    return out.toString();
  }
}
