package io.virtplatform.exporter.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtplatform.exporter.core.diff.JsonPointers;
import io.virtplatform.exporter.core.diff.SubsetDiff;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A golden-document pointer carried over to the live object, addressing list elements the way
 * {@code managedFields} does. Difference pointers index lists by their position in the golden
 * list; the live object may hold the element elsewhere, or not at all.
 *
 * <p>Its {@link #text()} is the form the API server itself prints in apply conflicts and schema
 * errors ({@code .spec.replicas}, {@code .spec.containers[name="app"].env}):
 *
 * <ul>
 *   <li>a field is {@code .name}, or {@code ["name"]} (a JSON string) when the name is not a plain
 *       identifier: {@code .metadata.labels["app.kubernetes.io/part-of"]};
 *   <li>an element of a keyed list is {@code [key=value,...]} with its key fields in name order
 *       and JSON values: {@code .containers[name="app"]},
 *       {@code .ports[containerPort=53,protocol="UDP"]},
 *       {@code .volumeMounts[mountPath="/var/run/kubevirt"]};
 *   <li>an element of any other list is {@code [i]}, its index in the live list (the golden index
 *       when the element is absent live).
 * </ul>
 *
 * <p>A list is keyed when a {@code managedFields} entry addresses its elements by {@code k:} keys,
 * and then those key fields are used. Without managedFields, the lists Kubernetes declares keyed
 * are recognised by name ({@link #KNOWN_LIST_KEYS}). A {@code protocol} key field the element does
 * not set counts as {@code "TCP"}, as the API server defaults it and keys it.
 *
 * @param steps the path from the object's root
 * @param livePresent whether the live object has a value at the end of the path
 */
record FieldPath(List<Step> steps, boolean livePresent) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String PROTOCOL = "protocol";

  /**
   * Keyed lists of built-in kinds ({@code +listType=map} in the Kubernetes API), by field name: the
   * first key set whose fields (other than a defaulted protocol) the element has is used.
   */
  private static final Map<String, List<List<String>>> KNOWN_LIST_KEYS = Map.ofEntries(
      Map.entry("containers", List.of(List.of("name"))),
      Map.entry("initContainers", List.of(List.of("name"))),
      Map.entry("ephemeralContainers", List.of(List.of("name"))),
      Map.entry("env", List.of(List.of("name"))),
      Map.entry("volumes", List.of(List.of("name"))),
      Map.entry("imagePullSecrets", List.of(List.of("name"))),
      Map.entry("webhooks", List.of(List.of("name"))),
      Map.entry("ports", List.of(List.of("containerPort", PROTOCOL), List.of("port", PROTOCOL))),
      Map.entry("volumeMounts", List.of(List.of("mountPath"))),
      Map.entry("volumeDevices", List.of(List.of("devicePath"))),
      Map.entry("conditions", List.of(List.of("type"))),
      Map.entry("hostAliases", List.of(List.of("ip"))),
      Map.entry("topologySpreadConstraints",
          List.of(List.of("topologyKey", "whenUnsatisfiable"))));

  /** One step down the object. */
  sealed interface Step permits Member, Element {}

  /** The field {@code name} of a map. */
  record Member(String name) implements Step {}

  /**
   * One list element.
   *
   * @param index its index in the live list, or in the golden list when it is absent live
   * @param key its key fields and values when the list is keyed, in name order; empty otherwise
   * @param value the live element, or the golden one when it is absent live
   */
  record Element(int index, Map<String, Object> key, Object value) implements Step {
    Element {
      key = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(key));
    }
  }

  FieldPath {
    steps = List.copyOf(steps);
  }

  /**
   * The path of {@code pointer}, followed in the live object as far as it has the field and in
   * the golden document beyond.
   *
   * @param compared the golden document the pointer indexes into
   * @param live the live object, or {@code null}
   * @param keyFields the key field names managedFields use for the list at a path, empty when
   *     they do not address its elements by key
   */
  static FieldPath resolve(String pointer, Map<String, Object> compared, Map<String, Object> live,
      Function<List<Step>, List<String>> keyFields) {
    List<Step> steps = new ArrayList<>();
    Object desired = compared;
    Object current = live;
    boolean present = live != null;
    String field = null;
    for (String token : JsonPointers.tokens(pointer)) {
      if (desired instanceof List<?> desiredList) {
        int golden = index(token);
        Object goldenElement = golden >= 0 && golden < desiredList.size()
            ? desiredList.get(golden) : null;
        int liveIndex = present && current instanceof List<?> liveList
            ? liveIndex(golden, desiredList, liveList) : -1;
        present = liveIndex >= 0;
        Object element = present ? ((List<?>) current).get(liveIndex) : goldenElement;
        steps.add(new Element(present ? liveIndex : golden,
            key(element, keyFields.apply(steps), field), element));
        desired = goldenElement;
        current = element;
      } else {
        steps.add(new Member(token));
        field = token;
        desired = desired instanceof Map<?, ?> d ? d.get(token) : null;
        present = present && current instanceof Map<?, ?> m && m.containsKey(token);
        current = present ? ((Map<?, ?>) current).get(token) : null;
      }
    }
    return new FieldPath(steps, present);
  }

  /**
   * Where golden element {@code golden} sits in the live list, matched as the diff matched it
   * ({@link SubsetDiff#listKey}): the same index for an ordered list, the first live element with
   * the same key for a keyed one; -1 when there is none.
   */
  private static int liveIndex(int golden, List<?> desired, List<?> live) {
    if (golden < 0 || golden >= desired.size()) {
      return golden >= 0 && golden < live.size() ? golden : -1;
    }
    String key = SubsetDiff.listKey(desired);
    if (key == null) {
      return golden < live.size() ? golden : -1;
    }
    Object keyValue = ((Map<?, ?>) desired.get(golden)).get(key);
    for (int i = 0; i < live.size(); i++) {
      if (live.get(i) instanceof Map<?, ?> candidate
          && Objects.equals(candidate.get(key), keyValue)) {
        return i;
      }
    }
    return -1;
  }

  /** The key of {@code element}, or empty when the list is not keyed or the element lacks one. */
  private static Map<String, Object> key(
      Object element, List<String> managedKeyFields, String listField) {
    if (!(element instanceof Map<?, ?> map)) {
      return Map.of();
    }
    List<List<String>> candidates = !managedKeyFields.isEmpty() ? List.of(managedKeyFields)
        : KNOWN_LIST_KEYS.getOrDefault(listField, List.of());
    for (List<String> names : candidates) {
      Map<String, Object> key = new TreeMap<>();
      for (String name : names) {
        Object value = map.get(name);
        if (value == null && name.equals(PROTOCOL)) {
          value = "TCP";
        }
        if (value == null) {
          break;
        }
        key.put(name, value);
      }
      if (key.size() == names.size()) {
        return key;
      }
    }
    return Map.of();
  }

  /** The path as text, in the form the API server prints (see the class comment). */
  String text() {
    StringBuilder text = new StringBuilder();
    for (Step step : steps) {
      if (step instanceof Member member) {
        text.append(IDENTIFIER.matcher(member.name()).matches()
            ? "." + member.name() : "[" + json(member.name()) + "]");
      } else {
        Element element = (Element) step;
        if (element.key().isEmpty()) {
          text.append('[').append(element.index()).append(']');
        } else {
          List<String> parts = new ArrayList<>();
          element.key().forEach((name, value) -> parts.add(name + "=" + json(value)));
          text.append('[').append(String.join(",", parts)).append(']');
        }
      }
    }
    return text.toString();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Keys are scalars read from YAML or JSON: always serializable.
      throw new UncheckedIOException(e);
    }
  }

  private static int index(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
