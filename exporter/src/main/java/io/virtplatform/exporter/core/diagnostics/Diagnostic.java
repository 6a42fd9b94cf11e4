package io.virtplatform.exporter.core.diagnostics;

import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.ExporterConfig;
import java.util.List;

/**
 * A check taken from the troubleshooting documents (webhooks, storage classes, stuck deletions...).
 * Each watches what it needs through the shared {@link DiagnosticContext#informers()} and renders
 * its own series into the metric store. All methods but {@link #tick()} run on the cluster view's
 * reconfiguration thread; {@code tick} runs once a second on the same thread.
 */
public interface Diagnostic extends AutoCloseable {

  /** The resources this check lists and watches; the deploy ClusterRole must grant them. */
  List<WatchedResource> watchedResources();

  /** Starts the check's informers. Called once, before the first {@link #apply}. */
  void start(DiagnosticContext context);

  /** Applies a (re)loaded configuration. */
  default void apply(ExporterConfig config) {}

  /** Re-evaluates time-based conditions, such as an object terminating for too long. */
  default void tick() {}

  /** Stops the check's informers and removes its series. */
  @Override
  void close();
}
