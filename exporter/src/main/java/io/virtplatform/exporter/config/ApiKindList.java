package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.NodeReader.Fields;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a list of {@code {group, version, kind}} entries, such as {@code dependencies}; the same
 * kind listed twice is an error.
 */
final class ApiKindList {

  private final NodeReader reader;

  ApiKindList(NodeReader reader) {
    this.reader = reader;
  }

  /** {@code noun} names an entry in the duplicate message, e.g. "dependency". */
  List<GroupVersionKind> read(Node section, String path, String noun) {
    List<GroupVersionKind> kinds = new ArrayList<>();
    List<Node> entries = reader.list(section, path).orElse(List.of());
    Map<GroupVersionKind, SourceLocation> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String itemPath = path + "[" + i + "]";
      Node entry = entries.get(i);
      reader.mapping(entry, itemPath, List.of("group", "version", "kind"))
          .flatMap(fields -> kind(fields, itemPath))
          .ifPresent(gvk -> {
            SourceLocation first = seen.putIfAbsent(gvk, ConfigError.locationOf(reader.file(), entry));
            if (first != null) {
              reader.error(entry, itemPath + ": duplicate " + noun + " " + gvk.apiVersion() + " "
                  + gvk.kind() + " (first defined at " + first + ")");
            } else {
              kinds.add(gvk);
            }
          });
    }
    return kinds;
  }

  private Optional<GroupVersionKind> kind(Fields fields, String path) {
    Optional<String> group = fields.required("group").flatMap(node -> coreOrGroup(node, path));
    Optional<String> version = fields.requiredString("version");
    Optional<String> kind = fields.requiredString("kind");
    if (group.isEmpty() || version.isEmpty() || kind.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new GroupVersionKind(group.get(), version.get(), kind.get()));
  }

  /** The core API group is written as {@code ""} or left empty. */
  private Optional<String> coreOrGroup(Node node, String path) {
    boolean empty = NodeReader.isNull(node)
        || (node instanceof ScalarNode scalar && scalar.getValue().isEmpty());
    return empty ? Optional.of("") : reader.string(node, path + ".group");
  }
}
