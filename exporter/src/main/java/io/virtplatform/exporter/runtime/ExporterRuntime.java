package io.virtplatform.exporter.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.ConfigError;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.ConfigReloader;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.core.drift.DriftExplainer;
import io.virtplatform.exporter.core.drift.DriftReport;
import io.virtplatform.exporter.core.editwar.EditWarDetector;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.http.DriftApi;
import io.virtplatform.exporter.http.DriftPage;
import io.virtplatform.exporter.http.ExporterHttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a running exporter: the core (cluster view, trackers, metric store) and its edges
 * (HTTP server, config reloader). The HTTP server starts first so liveness answers while the
 * informers sync.
 */
public final class ExporterRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExporterRuntime.class);

  private final Clock clock;
  private final SelfMetrics self;
  private final EditWarDetector editWars;
  private final ClusterView watcher;
  private final ExporterHttpServer http;
  private ConfigReloader reloader;

  private ExporterRuntime(KubernetesClient client, LoadedConfig initial,
      HttpEndpoint endpoint, Clock clock) {
    this.clock = clock;
    MetricStore store = MetricStore.forCatalog();
    this.self = new SelfMetrics();
    this.editWars = new EditWarDetector(initial.config().editWar(), clock);
    this.watcher = new ClusterView(client, store, self, clock, editWars, Checks.create(store));
    this.http = new ExporterHttpServer(endpoint.listen(), store, self, watcher::notReadyReason,
        endpoint.protection());
    DriftExplainer drift = new DriftExplainer(watcher::judgements, editWars::active,
        watcher::disabledResourcesProblems);
    watcher.onJudgement(drift::observe);
    // Redacted here, before either rendering, so that no route can show a hidden value.
    Supplier<DriftReport> report = endpoint.redaction().of(drift::explain);
    http.route("/drift", "drift explainer: every golden-state field not satisfied, with desired"
        + " and live values and the field manager that wrote it", new DriftPage(report));
    http.route("/api/v1/drift", "the drift explainer as JSON", new DriftApi(report));
  }

  /**
   * Starts an exporter for {@code initial}. When {@code configFile} is given, changes to it and to
   * its golden state are picked up at runtime; a change that fails to load keeps the last good one.
   */
  public static ExporterRuntime start(KubernetesClient client, LoadedConfig initial,
      Path configFile, InetSocketAddress listen, Clock clock) {
    return start(client, initial, configFile, HttpEndpoint.plain(listen), clock);
  }

  /** Like the above, serving HTTP as {@code endpoint} says. */
  public static ExporterRuntime start(KubernetesClient client, LoadedConfig initial,
      Path configFile, HttpEndpoint endpoint, Clock clock) {
    ExporterRuntime runtime = new ExporterRuntime(client, initial, endpoint, clock);
    runtime.http.start();
    runtime.watcher.start();
    runtime.apply(initial);
    if (configFile != null) {
      runtime.reloader = new ConfigReloader(new ConfigLoader(), configFile, initial,
          runtime::apply, runtime::reject);
      runtime.reloader.start(ConfigReloader.DEFAULT_POLL_INTERVAL);
    }
    return runtime;
  }

  public int port() {
    return http.port();
  }

  /**
   * Takes a loaded config at once, even while the API server is unreachable: the cluster view
   * applies it on its own thread, and readiness waits for that.
   */
  private void apply(LoadedConfig loaded) {
    editWars.updateSettings(loaded.config().editWar());
    watcher.apply(loaded.config(), loaded.goldenState());
    self.configLoaded(clock.instant());
    LOG.info("Configuration applied: {} components, {} dependencies, {} golden-state objects",
        loaded.config().components().size(), loaded.config().dependencies().size(),
        loaded.goldenState().size());
  }

  private void reject(List<ConfigError> errors) {
    self.configLoadFailed();
    LOG.warn("Configuration reload failed; still using the last good configuration ({} errors)",
        errors.size());
  }

  @Override
  public void close() {
    if (reloader != null) {
      reloader.close();
    }
    watcher.close();
    http.stop();
  }
}
