package io.virtplatform.exporter.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a golden-state document with a live object as a subset: every leaf of the golden
 * document must be present in the live object with an equal value ({@link ScalarValues}); fields
 * the golden document does not mention are ignored. Every unsatisfied leaf is reported, each with
 * its own {@link FieldDifference}, in golden-document order; a sub-map or list element missing from
 * the live object yields one absent difference per golden leaf under it.
 *
 * <p>Zero values. The API server drops an optional field of a built-in kind whose value is the zero
 * value of its type before storing it (Go's {@code omitempty}: {@code paused: false}, {@code
 * hostPort: 0}, env {@code value: ""}, {@code nodeSelector: {}}, {@code args: []}), so a golden
 * leaf holding a zero value is satisfied by an absent live field:
 *
 * <ul>
 *   <li>{@code false}, a number equal to 0, {@code ""}, an empty map and an empty list are zero
 *       values. A live field that is present must still equal it: {@code paused: false} against a
 *       live {@code paused: true} is drift, and so is {@code replicas: 0} against {@code 3}.
 *   <li>An empty golden map or list is also satisfied by a live {@code null}; an empty golden map by
 *       any live map, an empty golden list only by an empty live list.
 *   <li>A non-zero golden value against an absent live field is drift.
 *   <li>The limit: without the kind's schema, a golden {@code emptyDir: {}} (kept by the server,
 *       since the field is a pointer) cannot be told from a dropped {@code nodeSelector: {}}, so it
 *       too is satisfied by an absent live field.
 *   <li>When the live object does not exist at all, every golden leaf is reported absent, zero
 *       values included.
 * </ul>
 *
 * <p>Containers:
 *
 * <ul>
 *   <li>A {@code null} golden value means "absent": the live field must be absent or null.
 *   <li>A live value of the wrong shape under a golden map or list counts as absent for every golden
 *       leaf under it.
 * </ul>
 *
 * <p>Lists:
 *
 * <ul>
 *   <li><b>Keyed lists.</b> When every golden element is a map with a non-null {@code name}
 *       (containers, env, ports, volumes, volumeMounts), elements are matched by {@code name} and
 *       order is ignored. Failing that, when every golden element has a non-null {@code key} and none
 *       has a {@code name} (tolerations), they are matched by {@code key}. Live elements no golden
 *       element names are ignored. Several live elements may share a key (tolerations with the same
 *       key and different effects): the golden element is compared with the one it differs from
 *       least.
 *   <li><b>Ordered lists</b> (all others: args, command, finalizers, ...) are exact: element {@code
 *       i} is compared with live element {@code i}, and each live element beyond the golden length
 *       is a difference at its index with a {@code null} desired value.
 * </ul>
 *
 * <p>Ignored pointers cover the field they name and its whole subtree; list indexes in them are
 * golden-list indexes, like the pointers of the reported differences. Inputs are never modified;
 * the differences refer to the inputs' own values.
 */
public final class SubsetDiff {

  private static final List<String> LIST_KEYS = List.of("name", "key");

  private final Set<String> ignoredPointers;
  /** False when the live object is missing: every golden leaf is then reported. */
  private final boolean zeroValuesMayBeDropped;

  private SubsetDiff(Set<String> ignoredPointers, boolean zeroValuesMayBeDropped) {
    this.ignoredPointers = ignoredPointers;
    this.zeroValuesMayBeDropped = zeroValuesMayBeDropped;
  }

  /**
   * The golden leaves of {@code desired} that {@code live} does not satisfy.
   *
   * @param live the live object, or {@code null} to report every golden leaf as absent
   * @param ignoredPointers JSON Pointers (escaped per RFC 6901) of golden fields or subtrees not to
   *     compare
   */
  public static List<FieldDifference> diff(
      Map<String, Object> desired, Map<String, Object> live, Set<String> ignoredPointers) {
    Objects.requireNonNull(desired, "desired");
    SubsetDiff walk = new SubsetDiff(Set.copyOf(ignoredPointers), live != null);
    List<FieldDifference> out = new ArrayList<>();
    if (!walk.ignored("")) {
      walk.compareMaps("", desired, live, out);
    }
    return List.copyOf(out);
  }

  private boolean ignored(String pointer) {
    for (String prefix : ignoredPointers) {
      if (JsonPointers.covers(prefix, pointer)) {
        return true;
      }
    }
    return false;
  }

  /** Compares one golden value; {@code livePresent} tells an absent live field from a null one. */
  private void compare(
      String pointer, Object desired, Object live, boolean livePresent,
      List<FieldDifference> out) {
    if (ignored(pointer)) {
      return;
    }
    if (desired instanceof Map<?, ?> desiredMap) {
      if (desiredMap.isEmpty() && !(live instanceof Map)) {
        if (!livePresent) {
          if (!zeroValuesMayBeDropped) {
            out.add(FieldDifference.absent(pointer, desired));
          }
        } else if (live != null) {
          out.add(FieldDifference.changed(pointer, desired, live));
        }
      } else {
        compareMaps(pointer, desiredMap, live instanceof Map<?, ?> m ? m : null, out);
      }
    } else if (desired instanceof List<?> desiredList) {
      compareLists(pointer, desiredList, live, livePresent, out);
    } else if (!livePresent) {
      if (desired != null && !(zeroValuesMayBeDropped && isZeroScalar(desired))) {
        out.add(FieldDifference.absent(pointer, desired));
      }
    } else if (!ScalarValues.same(desired, live)) {
      out.add(FieldDifference.changed(pointer, desired, live));
    }
  }

  /** {@code live} is null when the live object has no map here. */
  private void compareMaps(
      String pointer, Map<?, ?> desired, Map<?, ?> live, List<FieldDifference> out) {
    for (Map.Entry<?, ?> entry : desired.entrySet()) {
      Object key = entry.getKey();
      boolean livePresent = live != null && live.containsKey(key);
      compare(JsonPointers.child(pointer, String.valueOf(key)), entry.getValue(),
          livePresent ? live.get(key) : null, livePresent, out);
    }
  }

  private void compareLists(
      String pointer, List<?> desired, Object live, boolean livePresent,
      List<FieldDifference> out) {
    List<?> liveList = live instanceof List<?> l ? l : List.of();
    if (desired.isEmpty()) {
      if (livePresent && live != null && !(live instanceof List<?> l && l.isEmpty())) {
        out.add(FieldDifference.changed(pointer, desired, live));
      } else if (!livePresent && !zeroValuesMayBeDropped) {
        out.add(FieldDifference.absent(pointer, desired));
      }
      return;
    }
    String key = listKey(desired);
    if (key != null) {
      for (int i = 0; i < desired.size(); i++) {
        compareKeyedElement(
            JsonPointers.child(pointer, Integer.toString(i)), key, desired.get(i), liveList, out);
      }
      return;
    }
    for (int i = 0; i < desired.size(); i++) {
      boolean elementPresent = i < liveList.size();
      compare(JsonPointers.child(pointer, Integer.toString(i)), desired.get(i),
          elementPresent ? liveList.get(i) : null, elementPresent, out);
    }
    for (int i = desired.size(); i < liveList.size(); i++) {
      String extra = JsonPointers.child(pointer, Integer.toString(i));
      if (!ignored(extra)) {
        out.add(FieldDifference.changed(extra, null, liveList.get(i)));
      }
    }
  }

  private void compareKeyedElement(
      String pointer, String key, Object desired, List<?> live, List<FieldDifference> out) {
    Object keyValue = ((Map<?, ?>) desired).get(key);
    List<FieldDifference> best = null;
    for (Object candidate : live) {
      if (candidate instanceof Map<?, ?> m && Objects.equals(m.get(key), keyValue)) {
        List<FieldDifference> differences = new ArrayList<>();
        compare(pointer, desired, candidate, true, differences);
        if (best == null || differences.size() < best.size()) {
          best = differences;
        }
      }
    }
    if (best == null) {
      compare(pointer, desired, null, false, out);
    } else {
      out.addAll(best);
    }
  }

  /** {@code false}, a number equal to 0 (whatever its Java type) or {@code ""}. */
  static boolean isZeroScalar(Object value) {
    if (value instanceof Boolean b) {
      return !b;
    }
    if (value instanceof String s) {
      return s.isEmpty();
    }
    return value instanceof Number n && ScalarValues.same(n, 0);
  }

  /**
   * The field on which the elements of a golden list are matched with live elements ({@code name}
   * or {@code key}), or null when the list is ordered and element {@code i} is compared with live
   * element {@code i}.
   */
  public static String listKey(List<?> desired) {
    for (String key : LIST_KEYS) {
      if (desired.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get(key) != null)) {
        return key;
      }
      if (desired.stream().anyMatch(e -> e instanceof Map<?, ?> m && m.containsKey(key))) {
        return null;
      }
    }
    return null;
  }
}
