package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.NodeReader.Fields;
import io.virtplatform.exporter.core.config.CompatibilityRule;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.core.model.VersionRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code diagnostics.compatibility}: a list of rules, each naming a {@code component}, the
 * component it {@code requires}, optionally the {@code container} and {@code requiresContainer}
 * whose image tags count, and a {@code matrix} of {@code {versions, requires}} version ranges. A rule with an error is left out; the same pair of components twice is an error.
 */
final class CompatibilitySectionParser {

  static final String PATH = "diagnostics.compatibility";

  private final NodeReader reader;

  CompatibilitySectionParser(NodeReader reader) {
    this.reader = reader;
  }

  List<CompatibilityRule> parse(Node node) {
    List<CompatibilityRule> rules = new ArrayList<>();
    List<Node> entries = reader.list(node, PATH).orElse(List.of());
    Map<List<String>, SourceLocation> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = PATH + "[" + i + "]";
      Node entry = entries.get(i);
      reader.mapping(entry, path,
          List.of("component", "container", "requires", "requiresContainer", "matrix"))
          .flatMap(fields -> rule(fields, path))
          .ifPresent(rule -> {
            SourceLocation first = seen.putIfAbsent(List.of(rule.component(), rule.requires()),
                ConfigError.locationOf(reader.file(), entry));
            if (first != null) {
              reader.error(entry, path + ": duplicate rule for " + rule.component() + " requiring "
                  + rule.requires() + " (first defined at " + first + ")");
            } else {
              rules.add(rule);
            }
          });
    }
    return rules;
  }

  private Optional<CompatibilityRule> rule(Fields fields, String path) {
    Optional<String> component = fields.requiredString("component");
    Optional<String> requires = fields.requiredString("requires");
    Optional<List<CompatibilityRule.Row>> matrix =
        fields.required("matrix").flatMap(n -> matrix(n, path + ".matrix"));
    if (component.isPresent() && component.equals(requires)) {
      reader.error(fields.node(), path + ": a component cannot require itself");
      return Optional.empty();
    }
    Optional<String> container = optionalString(fields, "container");
    Optional<String> requiresContainer = optionalString(fields, "requiresContainer");
    if (component.isEmpty() || requires.isEmpty() || matrix.isEmpty() || container.isEmpty()
        || requiresContainer.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CompatibilityRule(component.get(), container.get(), requires.get(),
        requiresContainer.get(), matrix.get()));
  }

  /** "" when the key is left out, which stands for every container; empty when invalid. */
  private Optional<String> optionalString(Fields fields, String key) {
    return fields.optional(key).map(node -> reader.string(node, fields.pathOf(key)))
        .orElse(Optional.of(""));
  }

  /** Present only when the list is non-empty and every row in it is valid. */
  private Optional<List<CompatibilityRule.Row>> matrix(Node node, String path) {
    return reader.nonEmptyListOf(node, path, List.of("versions", "requires"), (fields, rowPath) -> {
      Optional<VersionRange> versions = range(fields, "versions");
      Optional<VersionRange> requires = range(fields, "requires");
      return versions.isPresent() && requires.isPresent()
          ? Optional.of(new CompatibilityRule.Row(versions.get(), requires.get()))
          : Optional.empty();
    });
  }

  private Optional<VersionRange> range(Fields fields, String key) {
    return fields.required(key).flatMap(node -> reader.string(node, fields.pathOf(key))
        .flatMap(text -> {
          Optional<VersionRange> range = VersionRange.parse(text);
          if (range.isEmpty()) {
            reader.error(node, fields.pathOf(key) + ": invalid version range '" + text
                + "' (expected comparisons with versions, such as \">=1.6.0 <1.8.0\")");
          }
          return range;
        }));
  }
}
