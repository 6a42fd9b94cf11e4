package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.FaultProxy;
import io.virtplatform.exporter.testing.FaultProxy.Mode;
import io.virtplatform.exporter.testing.Series;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter behind a {@link FaultProxy}: an API server that hangs, one that refuses, one that
 * is not there at start, and recovery from each. The times printed are the detection and recovery
 * times the README quotes; the assertions hold them to generous bounds only.
 */
class FaultInjectionTest {

  private static final String CM = "kind=\"ConfigMap\",name=\"tuning\",namespace=\"cdi\"";
  private static final String SYNCED = "virt_platform_exporter_informer_synced";
  private static final String CONFIGMAPS = "resource=\"configmaps\"";
  private static final String LAST_EVALUATION =
      "virt_platform_exporter_last_evaluation_timestamp_seconds";
  private static final Duration FAULT = Duration.ofSeconds(30);

  private final AtomicReference<FaultProxy> proxy = new AtomicReference<>();
  private ClusterViewRun run;

  @AfterEach
  void stop() {
    if (run != null) run.close();
    if (proxy.get() != null) proxy.get().close();
  }

  private void start(Mode initial) {
    run = new ClusterViewRun(List.of(), serverUrl -> {
      FaultProxy p = new FaultProxy(serverUrl, initial);
      proxy.set(p);
      return p.url();
    });
    run.client().configMaps().inNamespace("cdi").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("tuning").withNamespace("cdi").endMetadata()
        .addToData("scratchSpaceFactor", "2").build()).create();
  }

  private java.util.concurrent.CompletableFuture<Void> applyGolden() {
    return applyGolden(List.of());
  }

  private java.util.concurrent.CompletableFuture<Void> applyGolden(List<ComponentSpec> components) {
    GroupVersionKind configMap = new GroupVersionKind("", "v1", "ConfigMap");
    GoldenObject tuning = new GoldenObject(new ResourceRef(configMap, "cdi", "tuning"),
        Map.of("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "tuning", "namespace", "cdi"),
            "data", Map.of("scratchSpaceFactor", "2")),
        new SourceLocation(Path.of("golden.yaml"), 1));
    return run.watcher().apply(
        new ExporterConfig(List.of(), components, List.of(), EditWarSettings.DEFAULT),
        new GoldenState(List.of(tuning)));
  }

  private void awaitHealthy(double compliance) {
    await(FAULT, () -> {
      Series s = run.fullScrape();
      assertThat(s.get("virt_platform_compliance_status", CM)).isEqualTo(compliance);
      assertThat(s.get(SYNCED, CONFIGMAPS)).isEqualTo(1.0);
      assertThat(s.get(LAST_EVALUATION)).isPositive();
      assertThat(run.watcher().notReadyReason()).isEmpty();
    });
  }

  private static final ComponentSpec CDI_APISERVER = new ComponentSpec("cdi-apiserver", "cdi",
      List.of(WorkloadSelector.byName(WorkloadKind.DEPLOYMENT, "cdi-apiserver")));

  /** A healthy Deployment for {@link #CDI_APISERVER}. */
  private void createCdiApiserver() {
    run.client().apps().deployments().inNamespace("cdi").resource(new DeploymentBuilder()
        .withNewMetadata().withName("cdi-apiserver").withNamespace("cdi").endMetadata()
        .withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withObservedGeneration(1L).withReadyReplicas(1).withUpdatedReplicas(1)
        .endStatus().build()).create();
  }

  private void drift() {
    run.client().configMaps().inNamespace("cdi").withName("tuning").edit(cm -> {
      cm.getData().put("scratchSpaceFactor", "3");
      return cm;
    });
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @Test
  void aHungServerIsNotWatchingAndRecoveryShowsWhatChangedMeanwhile() throws Exception {
    start(Mode.FORWARD);
    applyGolden();
    awaitHealthy(1.0);

    proxy.get().mode(Mode.BLACK_HOLE);
    long hungAt = System.nanoTime();
    await(FAULT, () -> assertThat(run.fullScrape().get(SYNCED, CONFIGMAPS)).isEqualTo(0.0));
    long detection = millisSince(hungAt);
    drift();
    await(FAULT, () -> assertThat(run.fullScrape().get(
        "virt_platform_exporter_watch_errors_total", CONFIGMAPS)).isPositive());
    double frozen = run.fullScrape().get(LAST_EVALUATION);
    run.clock().advance(Duration.ofMinutes(1));
    Thread.sleep(2_500);
    Series during = run.fullScrape();
    assertThat(during.get(LAST_EVALUATION)).as("last evaluation frozen").isEqualTo(frozen);
    assertThat(during.get("virt_platform_compliance_status", CM))
        .as("the last state is served").isEqualTo(1.0);
    assertThat(run.watcher().notReadyReason()).as("readiness stays").isEmpty();

    proxy.get().mode(Mode.FORWARD);
    long backAt = System.nanoTime();
    awaitHealthy(0.0);
    assertThat(run.fullScrape().get(LAST_EVALUATION)).isGreaterThan(frozen);
    long recovery = millisSince(backAt);
    System.out.printf("hung API server: detected after %d ms, recovered %d ms after it"
        + " answered again%n", detection, recovery);
    assertThat(detection).isLessThan(15_000);
  }

  @Test
  void aRefusingServerIsNotWatchingAndRecoveryShowsWhatChangedMeanwhile() {
    start(Mode.FORWARD);
    applyGolden();
    awaitHealthy(1.0);

    proxy.get().mode(Mode.REFUSE);
    long downAt = System.nanoTime();
    await(FAULT, () -> assertThat(run.fullScrape().get(SYNCED, CONFIGMAPS)).isEqualTo(0.0));
    long detection = millisSince(downAt);
    drift();

    proxy.get().mode(Mode.FORWARD);
    long backAt = System.nanoTime();
    awaitHealthy(0.0);
    long recovery = millisSince(backAt);
    System.out.printf("refusing API server: detected after %d ms, recovered %d ms after it"
        + " answered again%n", detection, recovery);
  }

  @Test
  void aServerThatHangsAtStartStillGetsTheConfigAppliedAndIsJudgedOnceItAnswers()
      throws Exception {
    start(Mode.BLACK_HOLE);
    createCdiApiserver();
    long startedAt = System.nanoTime();
    applyGolden(List.of(CDI_APISERVER)).get(20, TimeUnit.SECONDS);
    long applied = millisSince(startedAt);
    Series before = run.fullScrape();
    assertThat(before.get(SYNCED, "resource=\"customresourcedefinitions.apiextensions.k8s.io\""))
        .isEqualTo(0.0);
    assertThat(before.all("virt_platform_compliance_status")).isEmpty();

    proxy.get().mode(Mode.FORWARD);
    long backAt = System.nanoTime();
    awaitHealthy(1.0);
    await(FAULT, () -> assertThat(run.scrape().get("virt_platform_component_health",
        "component=\"cdi-apiserver\",namespace=\"cdi\"")).as("workload watches recovered too")
        .isEqualTo(1.0));
    System.out.printf("API server hung at start: config applied after %d ms; judged %d ms after"
        + " it answered%n", applied, millisSince(backAt));
  }

  @Test
  void aServerThatRefusesAtStartMakesTheExporterReadyWithNothingSyncedThenRecovers() {
    start(Mode.REFUSE);
    createCdiApiserver();
    long startedAt = System.nanoTime();
    applyGolden(List.of(CDI_APISERVER));
    await(Duration.ofSeconds(60), () -> assertThat(run.watcher().notReadyReason()).isEmpty());
    long ready = millisSince(startedAt);
    Series down = run.fullScrape();
    assertThat(down.get(SYNCED, "resource=\"deployments.apps\"")).isEqualTo(0.0);
    assertThat(down.get(LAST_EVALUATION)).as("never current").isEqualTo(0.0);
    assertThat(down.all("virt_platform_component_health")).isEmpty();

    proxy.get().mode(Mode.FORWARD);
    long backAt = System.nanoTime();
    awaitHealthy(1.0);
    await(FAULT, () -> assertThat(run.scrape().get("virt_platform_component_health",
        "component=\"cdi-apiserver\",namespace=\"cdi\"")).isEqualTo(1.0));
    System.out.printf("API server refusing at start: ready after %d ms; judged %d ms after it"
        + " answered%n", ready, millisSince(backAt));
  }

  @Test
  void closingWhileTheServerHangsTakesUnderFiveSeconds() {
    start(Mode.FORWARD);
    applyGolden();
    awaitHealthy(1.0);
    proxy.get().mode(Mode.BLACK_HOLE);
    applyGolden(); // discovery now waits on the hung server
    long closingAt = System.nanoTime();
    run.close();
    long took = millisSince(closingAt);
    System.out.printf("closed in %d ms while the API server hung%n", took);
    assertThat(took).isLessThan(5_000);
  }
}
