package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.diff.JsonPointers;
import io.virtplatform.exporter.core.diff.SubsetDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A golden-document pointer carried over to the live object. Difference pointers index lists by
 * their position in the golden list, but a keyed list (matched by {@code name} or {@code key},
 * see {@link SubsetDiff}) may hold the same element at another position live; field sets in
 * {@code managedFields} need the live element itself.
 */
record LivePath(List<Step> steps) {

  /** One step down the live object. */
  sealed interface Step permits Member, Element {}

  /** The field {@code name} of a map. */
  record Member(String name) implements Step {}

  /** The live list element at {@code index}, whose value is {@code value}. */
  record Element(int index, Object value) implements Step {}

  LivePath {
    steps = List.copyOf(steps);
  }

  /**
   * The live path of {@code pointer}, or empty when the live object has nothing there.
   *
   * @param compared the golden document the pointer indexes into
   */
  static Optional<LivePath> resolve(
      String pointer, Map<String, Object> compared, Map<String, Object> live) {
    List<Step> steps = new ArrayList<>();
    Object desired = compared;
    Object current = live;
    for (String token : JsonPointers.tokens(pointer)) {
      if (current instanceof Map<?, ?> map) {
        steps.add(new Member(token));
        desired = desired instanceof Map<?, ?> d ? d.get(token) : null;
        current = map.get(token);
      } else if (current instanceof List<?> list) {
        int golden = index(token);
        int index = liveIndex(golden, desired, list);
        if (index < 0 || index >= list.size()) {
          return Optional.empty();
        }
        desired = desired instanceof List<?> d && golden < d.size() ? d.get(golden) : null;
        current = list.get(index);
        steps.add(new Element(index, current));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new LivePath(steps));
  }

  /**
   * Where golden element {@code golden} sits in the live list: the same index for an ordered
   * list, the first live element with the same key for a keyed one; -1 when there is none.
   */
  private static int liveIndex(int golden, Object desired, List<?> live) {
    if (golden < 0 || !(desired instanceof List<?> desiredList) || desiredList.isEmpty()) {
      return golden;
    }
    String key = SubsetDiff.listKey(desiredList);
    if (key == null) {
      return golden;
    }
    if (golden >= desiredList.size() || !(desiredList.get(golden) instanceof Map<?, ?> element)) {
      return -1;
    }
    Object keyValue = element.get(key);
    for (int i = 0; i < live.size(); i++) {
      if (live.get(i) instanceof Map<?, ?> candidate
          && Objects.equals(candidate.get(key), keyValue)) {
        return i;
      }
    }
    return -1;
  }

  private static int index(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
