package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.editwar.FlipWriters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The actors of an edit war, read from the live object's managedFields ({@link FieldManagers}). */
public final class FieldWriters implements FlipWriters {

  @Override
  public Map<String, Set<String>> of(Map<String, Object> compared, List<String> pointers,
      Map<String, Object> live) {
    Map<String, Set<String>> writers = new TreeMap<>();
    FieldManagers managers = FieldManagers.of(live);
    if (live == null || managers.isEmpty()) {
      return writers;
    }
    for (String pointer : pointers) {
      FieldManagers.Ownership owner = managers.explain(pointer, compared);
      if (owner.manager() != null) {
        writers.computeIfAbsent(owner.manager(), m -> new TreeSet<>()).add(owner.path().text());
      }
    }
    return writers;
  }
}
