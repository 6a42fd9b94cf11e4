package io.virtplatform.exporter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds plain Java values (maps, lists, strings, numbers, booleans, null) from a composed
 * document, with the typing Kubernetes users expect: numbers stay numbers, quoted text stays text.
 * Not thread-safe; use one per load.
 */
final class PlainYamlConstructor extends SafeConstructor {

  PlainYamlConstructor() {
    super(YamlDocuments.loaderOptions());
    // A repeated key silently overrides the first one: almost always an editing mistake. (The
    // constructor's own flag decides; the LoaderOptions one is only copied over by Yaml.)
    setAllowDuplicateKeys(false);
    // The API server keeps timestamps as RFC 3339 strings and binary data base64-encoded; a Date
    // or a byte[] would never compare equal to the live value.
    yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    yamlConstructors.put(Tag.BINARY, new ConstructYamlStr());
  }

  /**
   * The document as read-only maps with string keys (as {@code kubectl} would turn it into JSON)
   * and read-only lists, safe to share between threads.
   *
   * @throws YAMLException for duplicate keys, recursive aliases and tags that have no plain Java
   *     form; a {@link org.yaml.snakeyaml.error.MarkedYAMLException} when snakeyaml knows the line
   */
  Object toJava(Node document) {
    rejectRecursion(document, Collections.newSetFromMap(new IdentityHashMap<>()),
        Collections.newSetFromMap(new IdentityHashMap<>()));
    return plain(constructDocument(document), new IdentityHashMap<>());
  }

  /** A node that contains itself through an alias would make the conversion below endless. */
  private static void rejectRecursion(Node node, Set<Node> enclosing, Set<Node> checked) {
    if (checked.contains(node)) {
      return;
    }
    if (!enclosing.add(node)) {
      throw new ConstructorException(null, null,
          "found an alias to a node that contains it", node.getStartMark()) {};
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        rejectRecursion(entry.getKeyNode(), enclosing, checked);
        rejectRecursion(entry.getValueNode(), enclosing, checked);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        rejectRecursion(item, enclosing, checked);
      }
    }
    enclosing.remove(node);
    checked.add(node);
  }

  /** Converts each map or list once, so values shared through aliases stay shared. */
  private static Object plain(Object value, Map<Object, Object> converted) {
    Object done = converted.get(value);
    if (done != null) {
      return done;
    }
    Object result = value;
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item, converted)));
      result = Collections.unmodifiableMap(copy);
    } else if (value instanceof Collection<?> items) {
      List<Object> copy = new ArrayList<>(items.size());
      items.forEach(item -> copy.add(plain(item, converted)));
      result = Collections.unmodifiableList(copy);
    }
    if (value != null && result != value) {
      converted.put(value, result);
    }
    return result;
  }
}
