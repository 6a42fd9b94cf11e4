package io.virtplatform.exporter.core.model;

import java.nio.file.Path;

/** A position in a YAML file, 1-based, used to point users at the line that is wrong. */
public record SourceLocation(Path file, int line) {

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
