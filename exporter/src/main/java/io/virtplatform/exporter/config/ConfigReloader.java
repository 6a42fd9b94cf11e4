package io.virtplatform.exporter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config and golden state when their files change. Polls instead of using a
 * WatchService because the files usually come from a mounted ConfigMap, whose updates (a symbolic
 * link swap) file-system events report unreliably.
 *
 * <p>A reload that fails is reported to {@code onFailed} and logged; the caller keeps serving the
 * last good config, and the failed sources are only retried once they change again.
 */
public final class ConfigReloader implements AutoCloseable {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final ConfigLoader loader;
  private final Path configFile;
  private final Consumer<LoadedConfig> onLoaded;
  private final Consumer<List<ConfigError>> onFailed;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "config-reloader");
        thread.setDaemon(true);
        return thread;
      });

  private List<Path> watched;
  private SourceFingerprint fingerprint;
  private LoadedConfig lastGood;
  private boolean started;

  /**
   * @param initial what {@code loader.load(configFile)} returned at startup; changes are detected
   *     relative to it
   */
  public ConfigReloader(ConfigLoader loader, Path configFile, LoadedConfig initial,
      Consumer<LoadedConfig> onLoaded, Consumer<List<ConfigError>> onFailed) {
    this.loader = loader;
    this.configFile = configFile;
    this.onLoaded = onLoaded;
    this.onFailed = onFailed;
    this.lastGood = initial;
    this.watched = initial.watchedFiles();
    this.fingerprint = SourceFingerprint.of(watched);
  }

  /** Checks for changes every {@code interval} on a daemon thread until {@link #close()}. */
  public synchronized void start(Duration interval) {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Reloads if any watched file changed since the last load, calling {@code onLoaded} or
   * {@code onFailed}.
   *
   * @return whether a change was found and a reload attempted
   */
  public synchronized boolean checkNow() {
    SourceFingerprint before = SourceFingerprint.of(watched);
    if (before.equals(fingerprint)) {
      return false;
    }
    LoadResult result = loader.load(configFile);
    SourceFingerprint after = SourceFingerprint.of(result.watchedFiles());
    // Keeping the fingerprint taken before the load means an edit made while loading is seen as
    // a change on the next check rather than missed; that only works if both cover the same files.
    fingerprint = before.coversSamePaths(after) ? before : after;
    watched = result.watchedFiles();
    if (result instanceof LoadedConfig loaded) {
      lastGood = loaded;
      LOG.info("Reloaded {}: {} components, {} dependencies, {} golden-state objects",
          configFile, loaded.config().components().size(),
          loaded.config().dependencies().size(), loaded.goldenState().size());
      onLoaded.accept(loaded);
    } else {
      result.errors().forEach(error -> LOG.warn("{}", error));
      LOG.warn("Reloading {} failed with {} error(s); still using the last good config",
          configFile, result.errors().size());
      onFailed.accept(result.errors());
    }
    return true;
  }

  /** The config of the last load that succeeded, at first the initial one. */
  public synchronized LoadedConfig lastGood() {
    return lastGood;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private void checkSafely() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      // An exception escaping a scheduled task would silently cancel all later checks.
      LOG.error("Checking {} for changes failed", configFile, e);
    }
  }
}
