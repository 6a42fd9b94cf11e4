package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.MetricsExposition;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.testing.MockApiServer;
import io.virtplatform.exporter.testing.ServedApisDispatcher;
import io.virtplatform.exporter.runtime.ClusterView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A cluster view against the mock API server, run as the exporter runs it: its own client,
 * informers, timer and evaluation threads, optionally one diagnostic, and a clock the test moves.
 * The clock starts at the current second, so timestamps the mock server stamps on objects are
 * never before it. The mock answers discovery as a v1.26 server ({@link ServedApisDispatcher}),
 * and the test can make it answer 403 for a path.
 */
public final class ClusterViewRun implements AutoCloseable {

  private final ServedApisDispatcher dispatcher = new ServedApisDispatcher();
  private final MockApiServer server = new MockApiServer(dispatcher);
  private final KubernetesClient client = server.newClient();
  private final KubernetesClient exporterClient;
  private final MetricStore store = MetricStore.forCatalog();
  private final SelfMetrics self = new SelfMetrics();
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final ContextProbe probe = new ContextProbe();
  private final ClusterView view;
  private boolean closed;

  /** The cluster view with only its own checks: golden state, components, dependencies. */
  public ClusterViewRun() {
    this(List.of(), UnaryOperator.identity());
  }

  public ClusterViewRun(Function<MetricStore, Diagnostic> diagnostic) {
    this(List.of(diagnostic), UnaryOperator.identity());
  }

  /**
   * @param exporterUrl maps the mock server's URL to the one the exporter's client uses, e.g. a
   *     fault-injecting proxy in front of it
   */
  public ClusterViewRun(List<Function<MetricStore, Diagnostic>> diagnostics,
      UnaryOperator<String> exporterUrl) {
    exporterClient = MockApiServer.newClient(exporterUrl.apply(server.url()));
    List<Diagnostic> checks = new ArrayList<>();
    diagnostics.forEach(create -> checks.add(create.apply(store)));
    checks.add(probe);
    view = new ClusterView(exporterClient, store, self, clock,
        new EditWarDetector(EditWarSettings.DEFAULT, clock), checks);
    view.start();
  }

  /** The mock API server's own URL. */
  public String serverUrl() {
    return server.url();
  }

  /** Where the test injects answers, such as a recorded 403. */
  public ServedApisDispatcher dispatcher() {
    return dispatcher;
  }

  /** A client that changes the cluster, separate from the exporter's. */
  public KubernetesClient client() {
    return client;
  }

  public void installCrd(String group, String version, String kind, boolean namespaced) {
    Crds.install(client, group, version, kind, namespaced);
  }

  public void removeCrd(String group, String kind) {
    Crds.remove(client, group, kind);
  }

  public MutableClock clock() {
    return clock;
  }

  public ClusterView watcher() {
    return view;
  }

  /** Every informer the cluster view runs, its own and its diagnostics'. */
  public Informers informers() {
    return probe.context.informers();
  }

  /**
   * Applies a config with nothing but these diagnostics settings, and no golden state, and waits
   * until the watches it starts have listed: objects created afterwards are then seen by their
   * watch events, however soon they are deleted again.
   */
  public void apply(DiagnosticsSettings settings) {
    view.apply(new ExporterConfig(List.of(), List.of(), List.of(), EditWarSettings.DEFAULT,
        settings), GoldenState.empty()).join();
    Eventually.await(() -> org.assertj.core.api.Assertions.assertThat(informers().pending())
        .as("watches still listing").isEmpty());
  }

  /** Applies a config with no components, dependencies or diagnostics, and these objects. */
  public void applyGolden(GoldenObject... objects) {
    view.apply(new ExporterConfig(List.of(), List.of(), List.of(), EditWarSettings.DEFAULT),
        new GoldenState(List.of(objects)));
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

  /** Stops the mock API server, as an outage would; the cluster view keeps running. */
  public void stopServer() {
    client.close();
    server.close();
  }

  /** Closes the cluster view, and with it its diagnostics; a second call does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    view.close();
    exporterClient.close();
    client.close();
    server.close();
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
