package io.virtplatform.exporter.config;

import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.core.text.ControlCharacters;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One problem in the config or golden state, printed as {@code file:line: message}. The message
 * quotes text from the files; its control characters are escaped so that every error stays one
 * line.
 */
public record ConfigError(SourceLocation location, String message) {

  public ConfigError {
    message = ControlCharacters.escape(message);
  }

  static ConfigError at(Path file, Node node, String message) {
    return new ConfigError(locationOf(file, node), message);
  }

  /** For problems that concern a whole file rather than one of its lines. */
  static ConfigError inFile(Path file, String message) {
    return new ConfigError(new SourceLocation(file, 1), message);
  }

  static SourceLocation locationOf(Path file, Node node) {
    // snakeyaml counts lines from 0; editors and users count from 1.
    return new SourceLocation(file, node.getStartMark().getLine() + 1);
  }

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
