package io.virtplatform.bundle.deploy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields of a manifest that its fabric8 model does not know. The client never rejects
 * them: a misspelt field ({@code readOnlyRootFilesytem}) or one of the wrong type lands in the
 * model's additional properties, and the API server would drop it as silently. Listing them turns
 * deserializing into a schema check.
 */
final class UnknownModelFields {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownModelFields() {}

  /** JSON-path-like locations of every unknown field in {@code model}, empty when none. */
  static List<String> in(Object model) {
    List<String> found = new ArrayList<>();
    walk(model, "", found);
    return found;
  }

  private static void walk(Object node, String path, List<String> found) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "." + key, found));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
    } else if (node != null && node.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
      for (Method getter : node.getClass().getMethods()) {
        if (getter.getParameterCount() != 0) {
          continue;
        }
        if (getter.isAnnotationPresent(JsonAnyGetter.class)) {
          ((Map<?, ?>) invoke(getter, node)).keySet().forEach(key -> found.add(path + "." + key));
        } else if (getter.isAnnotationPresent(JsonProperty.class)) {
          String name = getter.getAnnotation(JsonProperty.class).value();
          walk(invoke(getter, node), path + "." + name, found);
        }
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }
}
