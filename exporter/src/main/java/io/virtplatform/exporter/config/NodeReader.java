package io.virtplatform.exporter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of the nodes of one YAML file. Instead of throwing, every problem is
 * added to the error list with the node's line, and the value comes back empty, so one pass
 * reports all problems of the file.
 *
 * <p>{@code path} arguments name the node in messages the way a user would point at it, such as
 * {@code components[2].workloads[0].kind}.
 */
final class NodeReader {

  private final Path file;
  private final List<ConfigError> errors;

  NodeReader(Path file, List<ConfigError> errors) {
    this.file = file;
    this.errors = errors;
  }

  Path file() {
    return file;
  }

  void error(Node node, String message) {
    errors.add(ConfigError.at(file, node, message));
  }

  /** A mapping whose keys must all be in {@code allowedKeys}; unknown and repeated keys are errors. */
  Optional<Fields> mapping(Node node, String path, List<String> allowedKeys) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, (path.isEmpty() ? "the config" : path) + " must be a mapping, found "
          + describe(node));
      return Optional.empty();
    }
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    String where = path.isEmpty() ? "top-level key" : "key";
    String prefix = path.isEmpty() ? "" : path + ": ";
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      if (!isStringKey(keyNode)) {
        error(keyNode, prefix + "keys must be strings, found " + describe(keyNode));
        continue;
      }
      String key = ((ScalarNode) keyNode).getValue();
      if (!allowedKeys.contains(key)) {
        error(keyNode, prefix + "unknown " + where + " '" + key + "' (allowed: "
            + String.join(", ", allowedKeys) + ")");
      } else if (entries.putIfAbsent(key, entry) != null) {
        error(keyNode, prefix + "duplicate " + where + " '" + key + "'");
      }
    }
    return Optional.of(new Fields(mapping, path, entries));
  }

  /** Any scalar but null, as written; numbers and booleans are accepted as their text. */
  Optional<String> string(Node node, String path) {
    if (isNull(node)) {
      error(node, path + " must not be empty");
      return Optional.empty();
    }
    if (!(node instanceof ScalarNode scalar)) {
      error(node, path + " must be a string, found " + describe(node));
      return Optional.empty();
    }
    if (scalar.getValue().isEmpty()) {
      error(node, path + " must not be empty");
      return Optional.empty();
    }
    return Optional.of(scalar.getValue());
  }

  Optional<Integer> integer(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      try {
        return Optional.of(Integer.parseInt(scalar.getValue().replace("_", "")));
      } catch (NumberFormatException e) {
        error(node, path + " must be a decimal integer, found '" + scalar.getValue() + "'");
        return Optional.empty();
      }
    }
    error(node, path + " must be an integer, found " + describe(node));
    return Optional.empty();
  }

  Optional<List<Node>> list(Node node, String path) {
    if (node instanceof SequenceNode sequence) {
      return Optional.of(sequence.getValue());
    }
    error(node, path + " must be a list, found " + describe(node));
    return Optional.empty();
  }

  /**
   * A non-empty list of mappings with {@code keys}, each read by {@code readItem} (given its
   * fields and path); present only when the list is non-empty and every item is valid, every
   * problem reported.
   */
  <T> Optional<List<T>> nonEmptyListOf(Node node, String path, List<String> keys,
      BiFunction<Fields, String, Optional<T>> readItem) {
    Optional<List<Node>> entries = list(node, path);
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    if (entries.get().isEmpty()) {
      error(node, path + " must not be empty");
      return Optional.empty();
    }
    List<T> items = new ArrayList<>();
    for (int i = 0; i < entries.get().size(); i++) {
      String itemPath = path + "[" + i + "]";
      mapping(entries.get().get(i), itemPath, keys)
          .flatMap(fields -> readItem.apply(fields, itemPath))
          .ifPresent(items::add);
    }
    return items.size() == entries.get().size() ? Optional.of(items) : Optional.empty();
  }

  /** A mapping of strings to strings, such as labels or namespace overrides. */
  Optional<Map<String, String>> stringMap(Node node, String path) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, path + " must be a mapping, found " + describe(node));
      return Optional.empty();
    }
    Map<String, String> result = new LinkedHashMap<>();
    boolean valid = true;
    for (NodeTuple entry : mapping.getValue()) {
      Optional<String> key = stringKey(entry.getKeyNode(), path);
      Optional<String> value =
          string(entry.getValueNode(), path + "." + key.orElse("<invalid key>"));
      if (key.isPresent() && result.containsKey(key.get())) {
        error(entry.getKeyNode(), path + ": duplicate key '" + key.get() + "'");
        valid = false;
      } else if (key.isPresent() && value.isPresent()) {
        result.put(key.get(), value.get());
      } else {
        valid = false;
      }
    }
    return valid ? Optional.of(result) : Optional.empty();
  }

  /** A string map with at least one entry, such as a label selector. */
  Optional<Map<String, String>> nonEmptyStringMap(Node node, String path) {
    return stringMap(node, path).filter(map -> {
      if (map.isEmpty()) {
        error(node, path + " must not be empty");
      }
      return !map.isEmpty();
    });
  }

  /**
   * A Go-style duration ({@link GoDuration}) greater than zero and at most {@code max}. The upper
   * bound keeps arithmetic on clock times from overflowing and states what is sensible.
   */
  Optional<Duration> duration(Node node, String path, Duration max) {
    return string(node, path).flatMap(text -> {
      Optional<Duration> duration = GoDuration.parse(text);
      if (duration.isEmpty()) {
        error(node, path + ": invalid duration '" + text
            + "' (expected a Go-style duration such as " + GoDuration.EXAMPLES + ")");
      } else if (duration.get().isZero()) {
        error(node, path + " must be positive");
        return Optional.empty();
      } else if (duration.get().compareTo(max) > 0) {
        error(node, path + ": " + text + " is longer than the maximum of "
            + GoDuration.format(max));
        return Optional.empty();
      }
      return duration;
    });
  }

  /** A mapping key: a string, as JSON and the Kubernetes API know no other. */
  private Optional<String> stringKey(Node node, String path) {
    if (!isStringKey(node)) {
      error(node, path + ": keys must be strings, found " + describe(node));
      return Optional.empty();
    }
    return string(node, path + " key");
  }

  /**
   * Reports every mapping key under {@code root} that is not a string, such as {@code 1:},
   * {@code true:} or {@code [a, b]:}, which plain YAML would silently turn into text. Merge keys
   * ({@code <<}) are fine. Aliased nodes are visited once, so recursive aliases end.
   *
   * @return whether every key is a string
   */
  boolean requireStringKeys(Node root) {
    boolean valid = true;
    Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (!visited.add(node)) {
        continue;
      }
      if (node instanceof MappingNode mapping) {
        for (NodeTuple entry : mapping.getValue()) {
          Node key = entry.getKeyNode();
          if (!isStringKey(key) && !key.getTag().equals(Tag.MERGE)) {
            error(key, "keys must be strings, found " + describe(key)
                + (key instanceof ScalarNode scalar
                    ? " " + KubernetesNames.quoted(scalar.getValue()) + " (quote it)" : ""));
            valid = false;
          }
          pending.push(entry.getValueNode());
        }
      } else if (node instanceof SequenceNode sequence) {
        sequence.getValue().forEach(pending::push);
      }
    }
    return valid;
  }

  static boolean isStringKey(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) return "a mapping";
    if (node instanceof SequenceNode) return "a list";
    Tag tag = node.getTag();
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) return "a number";
    if (tag.equals(Tag.BOOL)) return "a boolean";
    if (tag.equals(Tag.NULL)) return "nothing";
    return "a string";
  }

  /** The entries of one mapping, read by key. */
  final class Fields {

    private final MappingNode node;
    private final String path;
    private final Map<String, NodeTuple> entries;

    private Fields(MappingNode node, String path, Map<String, NodeTuple> entries) {
      this.node = node;
      this.path = path;
      this.entries = entries;
    }

    MappingNode node() {
      return node;
    }

    String pathOf(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * The value of {@code key}; empty when the key is absent. A key written without a value
     * ({@code goldenState:}) is an error rather than "absent": it reads like a section whose
     * content was lost, and treating it as the default would silently drop that section.
     */
    Optional<Node> optional(String key) {
      NodeTuple entry = entries.get(key);
      if (entry == null) {
        return Optional.empty();
      }
      if (isNull(entry.getValueNode())) {
        error(entry.getKeyNode(), pathOf(key) + " has no value; give it one or remove the key");
        return Optional.empty();
      }
      return Optional.of(entry.getValueNode());
    }

    /** The value of {@code key}, reporting an error when it is absent. */
    Optional<Node> required(String key) {
      NodeTuple entry = entries.get(key);
      if (entry == null) {
        error(node, (path.isEmpty() ? "" : path + ": ") + "missing required key '" + key + "'");
        return Optional.empty();
      }
      return Optional.of(entry.getValueNode());
    }

    Optional<String> requiredString(String key) {
      return required(key).flatMap(value -> string(value, pathOf(key)));
    }
  }
}
