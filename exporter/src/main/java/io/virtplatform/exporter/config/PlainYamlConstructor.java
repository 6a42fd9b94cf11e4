package io.virtplatform.exporter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds plain Java values (maps, lists, strings, numbers, booleans, null) from a composed
 * document, with the typing Kubernetes users expect: numbers stay numbers, quoted text stays text.
 * Not thread-safe; use one per load.
 */
final class PlainYamlConstructor extends SafeConstructor {

  PlainYamlConstructor() {
    super(new LoaderOptions());
    // A repeated key silently overrides the first one: almost always an editing mistake. (The
    // constructor's own flag decides; the LoaderOptions one is only copied over by Yaml.)
    setAllowDuplicateKeys(false);
    // The API server keeps timestamps as RFC 3339 strings; a java.util.Date would never compare
    // equal to the live value.
    yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
  }

  /**
   * The document as mutable {@link LinkedHashMap}s and {@link ArrayList}s with string keys, as
   * {@code kubectl} would turn it into JSON.
   *
   * @throws MarkedYAMLException for duplicate keys and tags that have no plain Java form
   */
  Object toJava(Node document) {
    return plain(constructDocument(document));
  }

  private static Object plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((key, item) -> result.put(String.valueOf(key), plain(item)));
      return result;
    }
    if (value instanceof Collection<?> items) {
      List<Object> result = new ArrayList<>(items.size());
      items.forEach(item -> result.add(plain(item)));
      return result;
    }
    return value;
  }

  /** A read-only view of a value built by {@link #toJava}, safe to share between threads. */
  static Object frozen(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((key, item) -> result.put((String) key, frozen(item)));
      return Collections.unmodifiableMap(result);
    }
    if (value instanceof List<?> items) {
      List<Object> result = new ArrayList<>(items.size());
      items.forEach(item -> result.add(frozen(item)));
      return Collections.unmodifiableList(result);
    }
    return value;
  }
}
