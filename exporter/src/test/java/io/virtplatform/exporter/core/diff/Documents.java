package io.virtplatform.exporter.core.diff;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Test documents written as YAML, parsed the way the golden state is (ordered maps). */
public final class Documents {

  private Documents() {}

  public static Map<String, Object> yaml(String text) {
    Map<String, Object> doc = new Yaml().load(text);
    return doc == null ? Map.of() : doc;
  }

  /** Sets the value at a JSON Pointer (no escapes) of a parsed document, for variations. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> set(Map<String, Object> doc, String pointer, Object value) {
    String[] tokens = pointer.substring(1).split("/");
    Object node = doc;
    for (int i = 0; i < tokens.length - 1; i++) {
      node = node instanceof List<?> list
          ? list.get(Integer.parseInt(tokens[i]))
          : ((Map<String, Object>) node).get(tokens[i]);
    }
    String last = tokens[tokens.length - 1];
    if (node instanceof List<?> list) {
      ((List<Object>) list).set(Integer.parseInt(last), value);
    } else if (value == null) {
      ((Map<String, Object>) node).remove(last);
    } else {
      ((Map<String, Object>) node).put(last, value);
    }
    return doc;
  }
}
