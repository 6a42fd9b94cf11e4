package io.virtplatform.bundle;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML documents as plain maps and lists, naming the file when the shape is wrong. */
final class Yamls {

  private Yamls() {}

  static Map<String, Object> readMap(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return map(doc, file, "document");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, Path file, String what) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException(file + ": " + what + " is not a mapping");
  }

  /** A missing key counts as an empty list; promtool treats it the same way. */
  static List<Object> list(Object value, Path file, String what) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return List.copyOf(l);
    }
    throw new IllegalStateException(file + ": " + what + " is not a list");
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> stringMap(Object value, Path file, String what) {
    if (value == null) {
      return Map.of();
    }
    Map<String, Object> raw = map(value, file, what);
    raw.forEach((k, v) -> {
      if (!(v instanceof String)) {
        throw new IllegalStateException(file + ": " + what + "." + k + " is not a string");
      }
    });
    return Map.copyOf((Map<String, String>) (Map<String, ?>) raw);
  }
}
