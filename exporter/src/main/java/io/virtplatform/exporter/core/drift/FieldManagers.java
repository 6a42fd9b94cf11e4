package io.virtplatform.exporter.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtplatform.exporter.core.drift.FieldPath.Element;
import io.virtplatform.exporter.core.drift.FieldPath.Member;
import io.virtplatform.exporter.core.drift.FieldPath.Step;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who last wrote the fields of one live object, read from its {@code metadata.managedFields}.
 *
 * <p>Each entry there names a manager and the set of fields it owns, in the {@code FieldsV1}
 * format of server-side apply: a tree whose keys are {@code f:<field>} for map fields,
 * {@code k:<json object>} for the element of an associative list with those key fields,
 * {@code v:<json value>} for the element of a set and {@code i:<index>} for a list position. An
 * owned field is a leaf {@code {}}; a leaf on an atomic map or list owns all of it. A manager
 * that updates a field takes it over, so normally one entry owns each field; when several do
 * (co-owners under Apply), the one with the latest {@code time} is reported.
 *
 * <p>Removals leave no trace: a JSON-patch {@code remove} gives the remover no entry, and the
 * field just leaves the entry of the manager that wrote it, whose {@code time} does not change
 * (v1.26 recordings, 27). Only an earlier version of the object tells who wrote a removed field;
 * see {@link FieldHistory}.
 */
final class FieldManagers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> WRITE_OPERATIONS = Set.of("Update", "Apply");
  private record Entry(String manager, Instant time, Map<?, ?> fields) {}

  private final Map<String, Object> live;
  private final List<Entry> entries;

  private FieldManagers(Map<String, Object> live, List<Entry> entries) {
    this.live = live;
    this.entries = entries;
  }

  /** @param live the live object as plain maps and lists, or {@code null} when it is missing */
  static FieldManagers of(Map<String, Object> live) {
    if (live == null || !(live.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("managedFields") instanceof List<?> managedFields)) {
      return new FieldManagers(live, List.of());
    }
    List<Entry> entries = new ArrayList<>();
    for (Object item : managedFields) {
      if (item instanceof Map<?, ?> entry
          && entry.get("manager") instanceof String manager
          && WRITE_OPERATIONS.contains(entry.get("operation"))
          && entry.get("fieldsV1") instanceof Map<?, ?> fields) {
        entries.add(new Entry(manager, time(entry.get("time")), fields));
      }
    }
    return new FieldManagers(live, List.copyOf(entries));
  }

  /**
   * Where the golden field at {@code pointer} is in the live object, and who wrote it.
   *
   * @param compared the golden document the pointer indexes into
   */
  /** Whether the object has any managedFields entry that could own a field. */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  Ownership explain(String pointer, Map<String, Object> compared) {
    FieldPath path = FieldPath.resolve(pointer, compared, live, this::keyFields);
    // An entry can list a field that is absent live: the manager wrote a zero value that the API
    // server dropped. Under an atomic list or map, the manager that wrote the whole value wrote
    // this part of it, or wrote it without this part.
    Optional<Entry> exact = latest(path, Claim.EXACT);
    Optional<Entry> writer = exact.isPresent() ? exact : latest(path, Claim.ATOMIC);
    return new Ownership(path, writer.map(Entry::manager).orElse(null));
  }

  /**
   * Where a golden field is in the live object, and who wrote it.
   *
   * @param manager the manager that last wrote the field, or the atomic list or map that holds
   *     it; {@code null} when no entry owns it
   */
  record Ownership(FieldPath path, String manager) {}

  private enum Claim { NONE, EXACT, ATOMIC }

  private Optional<Entry> latest(FieldPath path, Claim claim) {
    return entries.stream()
        .filter(e -> claim(e.fields(), path.steps()) == claim)
        .max(Comparator.comparing(Entry::time, Comparator.nullsFirst(Comparator.naturalOrder())));
  }

  /**
   * The key field names with which managedFields address the elements of the list at {@code
   * listPath} ({@code k:{"containerPort":53,"protocol":"UDP"}} gives containerPort, protocol);
   * empty when no entry addresses them by key.
   */
  private List<String> keyFields(List<Step> listPath) {
    for (Entry entry : entries) {
      Map<?, ?> node = entry.fields();
      for (Step step : listPath) {
        node = node == null ? null : child(node, step);
      }
      if (node == null) {
        continue;
      }
      for (Object name : node.keySet()) {
        if (String.valueOf(name).startsWith("k:") && parse(String.valueOf(name))
            instanceof Map<?, ?> key) {
          return key.keySet().stream().map(String::valueOf).sorted().toList();
        }
      }
    }
    return List.of();
  }

  private static Claim claim(Map<?, ?> fields, List<Step> path) {
    Map<?, ?> node = fields;
    for (int i = 0; i < path.size(); i++) {
      Map<?, ?> child = child(node, path.get(i));
      if (child == null) {
        // A leaf above the field: the manager owns the whole atomic map or list.
        return i > 0 && node.isEmpty() ? Claim.ATOMIC : Claim.NONE;
      }
      node = child;
    }
    return Claim.EXACT;
  }

  private static Map<?, ?> child(Map<?, ?> node, Step step) {
    if (step instanceof Member member) {
      return node.get("f:" + member.name()) instanceof Map<?, ?> child ? child : null;
    }
    Element element = (Element) step;
    for (Map.Entry<?, ?> entry : node.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> child
          && matches(String.valueOf(entry.getKey()), element)) {
        return child;
      }
    }
    return null;
  }

  private static boolean matches(String key, Element element) {
    if (key.startsWith("i:")) {
      return key.substring(2).equals(Integer.toString(element.index()));
    }
    if (key.startsWith("v:")) {
      return sameJson(parse(key), element.value());
    }
    return key.startsWith("k:") && !element.key().isEmpty()
        && sameJson(parse(key), element.key());
  }

  /** The JSON value after the {@code k:} or {@code v:} prefix; null when unreadable. */
  private static Object parse(String key) {
    try {
      return key.length() > 2 ? JSON.readValue(key.substring(2), Object.class) : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** JSON equality: numbers by value, whatever Java type the parser chose. */
  private static boolean sameJson(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet())
          && x.entrySet().stream().allMatch(e -> sameJson(e.getValue(), y.get(e.getKey())));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJson(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** RFC 3339 as the API server writes it; an unreadable time counts as the oldest. */
  private static Instant time(Object value) {
    try {
      return value instanceof String text ? Instant.parse(text) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
