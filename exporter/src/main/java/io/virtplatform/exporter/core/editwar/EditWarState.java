package io.virtplatform.exporter.core.editwar;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Edit-war status of one managed resource: whether an episode runs, how many have started, and
 * the actors of the running one.
 *
 * @param actors while an episode runs, each field manager that last wrote a flipping field at one
 *     of the episode's transitions, with the fields (live paths) it wrote; empty otherwise
 */
public record EditWarState(boolean active, long episodes,
    SortedMap<String, SortedSet<String>> actors) {

  public static final EditWarState CALM = new EditWarState(false, 0);

  public EditWarState {
    SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
    actors.forEach((manager, fields) ->
        copy.put(manager, Collections.unmodifiableSortedSet(new TreeSet<>(fields))));
    actors = Collections.unmodifiableSortedMap(copy);
  }

  /** A state without actors. */
  public EditWarState(boolean active, long episodes) {
    this(active, episodes, new TreeMap<>());
  }
}
