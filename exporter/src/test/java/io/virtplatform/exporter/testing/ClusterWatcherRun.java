package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.cluster.ClusterWatcher;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.compliance.ComplianceEvaluator;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.MetricsExposition;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.core.series.ComponentTracker;
import io.virtplatform.exporter.core.series.DependencyTracker;
import io.virtplatform.exporter.core.series.ManagedResourceTracker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A cluster view against the mock API server, run as the exporter runs it: its own client,
 * informers, the once-a-second tick on its own thread, optionally one diagnostic, and a clock the
 * test moves. The clock starts at the current second, so timestamps the mock server stamps on
 * objects are never before it.
 */
public final class ClusterWatcherRun implements AutoCloseable {

  private final MockCluster cluster = new MockCluster();
  private final KubernetesClient exporterClient = cluster.newClient();
  private final MetricStore store = MetricStore.forCatalog();
  private final SelfMetrics self = new SelfMetrics();
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final ContextProbe probe = new ContextProbe();
  private final ClusterWatcher watcher;
  private boolean closed;

  /** The cluster view with only its own checks: golden state, components, dependencies. */
  public ClusterWatcherRun() {
    this(List.of());
  }

  public ClusterWatcherRun(Function<MetricStore, Diagnostic> diagnostic) {
    this(List.of(diagnostic));
  }

  private ClusterWatcherRun(List<Function<MetricStore, Diagnostic>> diagnostics) {
    ManagedResourceTracker managed = new ManagedResourceTracker(store, new ComplianceEvaluator(),
        new EditWarDetector(EditWarSettings.DEFAULT, clock));
    List<Diagnostic> checks = new ArrayList<>();
    diagnostics.forEach(create -> checks.add(create.apply(store)));
    checks.add(probe);
    watcher = new ClusterWatcher(exporterClient, managed, new ComponentTracker(store),
        new DependencyTracker(store), self, clock, checks);
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

  /** Every informer the cluster view runs, its own and its diagnostics'. */
  public Informers informers() {
    return probe.context.informers();
  }

  /** Applies a config with nothing but these diagnostics settings, and no golden state. */
  public void apply(DiagnosticsSettings settings) {
    watcher.apply(new ExporterConfig(List.of(), List.of(), List.of(), EditWarSettings.DEFAULT,
        settings), GoldenState.empty());
  }

  /** The series the checks render, without the self metrics. */
  public Series scrape() {
    return Exposition.series(store::writeTo);
  }

  /** What /metrics serves: the checks' series, then the self metrics. */
  public Series fullScrape() {
    return Exposition.series(new MetricsExposition(store, self)::writeTo);
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

  /** Closes the cluster view, and with it its diagnostics; a second call does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    watcher.close();
    exporterClient.close();
    cluster.close();
  }

  /** Keeps the context the cluster view hands every diagnostic, which holds its informers. */
  private static final class ContextProbe implements Diagnostic {

    private volatile DiagnosticContext context;

    @Override
    public List<WatchedResource> watchedResources() {
      return List.of();
    }

    @Override
    public void start(DiagnosticContext context) {
      this.context = context;
    }

    @Override
    public void close() {}
  }
}
