package io.virtplatform.exporter.config;

import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.golden.GoldenState;
import java.nio.file.Path;
import java.util.List;

/** A config and golden state that loaded without a single error. */
public record LoadedConfig(ExporterConfig config, GoldenState goldenState, List<Path> watchedFiles)
    implements LoadResult {

  public LoadedConfig {
    watchedFiles = List.copyOf(watchedFiles);
  }

  @Override
  public List<ConfigError> errors() {
    return List.of();
  }
}
