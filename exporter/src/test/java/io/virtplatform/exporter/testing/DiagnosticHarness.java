package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.cluster.ApiResolver;
import io.virtplatform.exporter.core.cluster.Informers;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one {@link Diagnostic} against the mock API server the way the cluster view runs it:
 * started with its own informers, configured, and ticked, here by the test's thread.
 */
public final class DiagnosticHarness implements AutoCloseable {

  private final MockCluster cluster = new MockCluster();
  private final KubernetesClient exporterClient = cluster.newClient();
  private final MetricStore store = MetricStore.forCatalog();
  private final Informers informers = new Informers(new SelfMetrics());
  private final Diagnostic diagnostic;

  public DiagnosticHarness(Function<MetricStore, Diagnostic> create, Clock clock) {
    diagnostic = create.apply(store);
    diagnostic.start(new DiagnosticContext(exporterClient, informers,
        new ApiResolver(exporterClient, (group, version) -> Optional.empty()), clock));
  }

  /** The client a test changes the cluster with. */
  public KubernetesClient client() {
    return cluster.client();
  }

  public Informers informers() {
    return informers;
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }

  public void apply(DiagnosticsSettings settings) {
    diagnostic.apply(new ExporterConfig(List.of(), List.of(), List.of(), EditWarSettings.DEFAULT,
        settings));
  }

  /** Ticks the diagnostic until {@code assertion} holds; informers are asynchronous. */
  public void awaitTicking(Runnable assertion) {
    Eventually.await(() -> {
      diagnostic.tick();
      assertion.run();
    });
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

  @Override
  public void close() {
    diagnostic.close();
    informers.stopAll();
    exporterClient.close();
    cluster.close();
  }
}
