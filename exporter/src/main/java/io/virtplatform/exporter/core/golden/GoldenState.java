package io.virtplatform.exporter.core.golden;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The declared golden state: every managed object, by reference. Immutable. */
public final class GoldenState {

  private final Map<ResourceRef, GoldenObject> objects;

  public GoldenState(Collection<GoldenObject> objects) {
    Map<ResourceRef, GoldenObject> byRef = new LinkedHashMap<>();
    for (GoldenObject o : objects) {
      if (byRef.putIfAbsent(o.ref(), o) != null) {
        throw new IllegalArgumentException("duplicate golden-state object " + o.ref());
      }
    }
    this.objects = Map.copyOf(byRef);
  }

  public static GoldenState empty() {
    return new GoldenState(List.of());
  }

  public Collection<GoldenObject> objects() {
    return objects.values();
  }

  public GoldenObject get(ResourceRef ref) {
    return objects.get(ref);
  }

  public Set<GroupVersionKind> kinds() {
    return objects.keySet().stream()
        .map(ResourceRef::gvk)
        .collect(Collectors.toCollection(() -> new TreeSet<>(
            java.util.Comparator.comparing(GroupVersionKind::apiVersion)
                .thenComparing(GroupVersionKind::kind))));
  }

  /**
   * The kinds of the objects that must exist: a kind only tombstones name may well be gone from
   * the cluster, as the objects are, and is no missing dependency.
   */
  public Set<GroupVersionKind> managedKinds() {
    return objects.values().stream().filter(o -> !o.tombstone())
        .map(o -> o.ref().gvk()).collect(Collectors.toSet());
  }

  public List<GoldenObject> ofKind(GroupVersionKind gvk) {
    return objects.values().stream().filter(o -> o.ref().gvk().equals(gvk)).toList();
  }

  public int size() {
    return objects.size();
  }
}
