package io.virtplatform.exporter.config;

import java.nio.file.Path;
import java.util.List;

/** The outcome of loading the config and its golden state: everything or the list of errors. */
public sealed interface LoadResult permits LoadedConfig, LoadFailure {

  /** Every error found; empty when loading succeeded. */
  List<ConfigError> errors();

  /**
   * The config file, the golden-state directories and every golden-state file the load read (or
   * tried to read), so a watcher can tell when a reload is due. Empty for the bundled default.
   */
  List<Path> watchedFiles();
}
