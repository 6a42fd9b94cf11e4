package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.cluster.ClusterWatcher;
import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.core.series.ComponentTracker;
import io.virtplatform.exporter.core.series.DependencyTracker;
import io.virtplatform.exporter.core.series.ManagedResourceTracker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * One diagnostic running inside a real cluster view against the mock API server, as the exporter
 * runs it: informers, the once-a-second tick, and a clock the test moves. The clock starts at the
 * current second, so timestamps the mock server stamps on objects are never before it.
 */
public final class DiagnosticRun implements AutoCloseable {

  private final MockCluster cluster = new MockCluster();
  private final KubernetesClient exporterClient = cluster.newClient();
  private final MetricStore store = MetricStore.forCatalog();
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final ClusterWatcher watcher;

  public DiagnosticRun(Function<MetricStore, Diagnostic> diagnostic) {
    ManagedResourceTracker managed = new ManagedResourceTracker(store, new ComplianceEvaluator(),
        new EditWarDetector(EditWarSettings.DEFAULT, clock));
    watcher = new ClusterWatcher(exporterClient, managed, new ComponentTracker(store),
        new DependencyTracker(store), new SelfMetrics(), clock,
        List.of(diagnostic.apply(store)));
    watcher.start();
  }

  public MockCluster cluster() {
    return cluster;
  }

  /** A client that changes the cluster, separate from the exporter's. */
  public KubernetesClient client() {
    return cluster.client();
  }

  public MutableClock clock() {
    return clock;
  }

  public ClusterWatcher watcher() {
    return watcher;
  }

  public void apply(DiagnosticsSettings settings) {
    watcher.apply(new ExporterConfig(List.of(), List.of(), List.of(), EditWarSettings.DEFAULT,
        settings), GoldenState.empty());
  }

  public Series scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      store.writeTo(out, ExpositionFormat.PROMETHEUS_TEXT_004);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Series.parse(out.toString(StandardCharsets.UTF_8));
  }

  /** Lets the cluster view tick a few times, before asserting that something did not happen. */
  public void settle() {
    try {
      Thread.sleep(2_500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    watcher.close();
    exporterClient.close();
    cluster.close();
  }
}
