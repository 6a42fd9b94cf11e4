package io.virtplatform.exporter.core.drift;

import com.github.benmanes.caffeine.cache.Interner;
import io.virtplatform.exporter.core.diff.JsonPointers;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who last wrote each golden field of each managed object, as long as the live object held it.
 * Kubernetes keeps no record of a removal: the remover gets no managedFields entry and the field
 * just leaves its writer's entry (v1.26 recordings, 27). So the only way to tell that a field absent
 * now was removed, and who had written it, is to have seen an earlier version of the object.
 *
 * <p>It holds, per managed object, the writer of each golden leaf the live object had with an
 * owner, in a map shared by every object with the same writers. Thread-safe.
 */
final class FieldHistory {

  /**
   * Writer maps by content. Objects made from one template were written alike (the same fields
   * by the same manager), so they share one read-only map: about 40 bytes per object instead of
   * a map of their own (1.5 KB for a ConfigMap with a dozen keys). Weak: a map nobody holds goes.
   */
  private static final Interner<Map<String, String>> SHARED = Interner.newWeakInterner();

  /** Per object, the manager of each field by its {@link FieldPath#text()}; shared, read-only. */
  private final Map<ResourceRef, Map<String, String>> writers = new HashMap<>();

  /**
   * Records the writers of the golden fields {@code live} holds; a field it lacks keeps its
   * earlier writer. A deleted object (null) is forgotten: a missing object is not a removal.
   */
  void observe(ResourceRef ref, Map<String, Object> compared, Map<String, Object> live) {
    if (live == null) {
      forget(ref);
      return;
    }
    FieldManagers managers = FieldManagers.of(live);
    if (managers.isEmpty()) {
      // Nobody to remember; earlier writers stay remembered.
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (String pointer : leaves(compared)) {
      FieldManagers.Ownership owner = managers.explain(pointer, compared);
      if (owner.path().livePresent()) {
        // A present field nobody owns now has no writer to remember any more.
        seen.put(owner.path().text(), owner.manager());
      }
    }
    synchronized (this) {
      Map<String, String> known = new HashMap<>(writers.getOrDefault(ref, Map.of()));
      seen.forEach((path, manager) -> {
        if (manager == null) {
          known.remove(path);
        } else {
          known.put(path, manager);
        }
      });
      writers.put(ref, SHARED.intern(Map.copyOf(known)));
    }
  }

  /** The manager that wrote the field at {@code path} when the object last held it. */
  synchronized Optional<String> lastWriter(ResourceRef ref, String path) {
    return Optional.ofNullable(writers.getOrDefault(ref, Map.of()).get(path));
  }

  /** Forgets objects no longer managed. */
  synchronized void retainOnly(Set<ResourceRef> managed) {
    writers.keySet().retainAll(managed);
  }

  private synchronized void forget(ResourceRef ref) {
    writers.remove(ref);
  }

  /** The pointers of every leaf of a golden document: scalars, nulls, empty maps and lists. */
  private static List<String> leaves(Map<String, Object> document) {
    List<String> out = new ArrayList<>();
    collect("", document, out);
    return out;
  }

  private static void collect(String pointer, Object value, List<String> out) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach((k, v) -> collect(JsonPointers.child(pointer, String.valueOf(k)), v, out));
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        collect(JsonPointers.child(pointer, Integer.toString(i)), list.get(i), out);
      }
    } else {
      out.add(pointer);
    }
  }
}
