package io.virtplatform.exporter.config;

import java.nio.file.Path;
import java.util.List;

/** A load that found errors; nothing of it may be used. */
public record LoadFailure(List<ConfigError> errors, List<Path> watchedFiles)
    implements LoadResult {

  public LoadFailure {
    errors = List.copyOf(errors);
    watchedFiles = List.copyOf(watchedFiles);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a failed load needs at least one error");
    }
  }
}
