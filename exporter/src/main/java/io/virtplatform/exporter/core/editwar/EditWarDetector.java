package io.virtplatform.exporter.core.editwar;

import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Detects edit wars from the compliance flips of managed resources. A flip (compliant to drifted or
 * back) is a transition; {@code minTransitions} transitions inside a sliding {@code window} start an
 * episode, and a quiet {@code window} without transitions ends it. A resource that drifts once and
 * stays drifted makes one transition and never starts an episode.
 *
 * <p>Each transition may name its actors: the field managers that last wrote the fields that
 * flipped, with those fields. An episode's actors are those of the transitions that started it and
 * of every transition while it runs; they are forgotten when it ends.
 */
public final class EditWarDetector {

  /**
   * The most field managers named per episode: each is a series, and anyone who may edit the
   * object can write under any manager name. Real edit wars have two or three.
   */
  public static final int MAX_ACTORS = 10;

  private final Clock clock;
  private volatile EditWarSettings settings;
  private final Map<ResourceRef, History> histories = new HashMap<>();

  public EditWarDetector(EditWarSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** New settings apply to the next observation; running episodes keep their history. */
  public void updateSettings(EditWarSettings newSettings) {
    this.settings = newSettings;
  }

  /** Records the compliance just observed for {@code ref} and returns its edit-war state. */
  public EditWarState observe(ResourceRef ref, boolean compliant) {
    return observe(ref, compliant, Map::of);
  }

  /**
   * Like {@link #observe(ResourceRef, boolean)}, naming the actors of a transition.
   *
   * @param writers called only when the compliance flipped: each field manager that last wrote a
   *     field that flipped, with those fields
   */
  public synchronized EditWarState observe(ResourceRef ref, boolean compliant,
      Supplier<Map<String, ? extends Set<String>>> writers) {
    History history = histories.get(ref);
    if (history == null) {
      histories.put(ref, History.calm(compliant));
      return EditWarState.CALM;
    }
    if (history.lastCompliant != compliant) {
      if (history.isShared()) {
        history = new History(compliant);
        histories.put(ref, history);
      }
      history.lastCompliant = compliant;
      history.recordTransition(clock.instant(), writers.get(), settings);
    }
    return history.state();
  }

  /**
   * Ends the episodes that have been quiet for a whole window. Returns the resources whose state
   * changed, so their series can be rendered again.
   */
  public synchronized List<ResourceRef> endQuietEpisodes() {
    Instant now = clock.instant();
    List<ResourceRef> ended = new ArrayList<>();
    histories.forEach((ref, history) -> {
      if (history.endIfQuiet(now, settings)) ended.add(ref);
    });
    return ended;
  }

  public synchronized EditWarState state(ResourceRef ref) {
    History history = histories.get(ref);
    return history == null ? EditWarState.CALM : history.state();
  }

  /** The state of every resource whose edit-war episode is running now. */
  public synchronized Map<ResourceRef, EditWarState> active() {
    Map<ResourceRef, EditWarState> active = new HashMap<>();
    histories.forEach((ref, history) -> {
      if (history.active) active.put(ref, history.state());
    });
    return active;
  }

  /** Drops all memory of a resource that is no longer managed, so nothing of it is reported. */
  public synchronized void forget(ResourceRef ref) {
    histories.remove(ref);
  }

  /**
   * What is remembered of one resource. Every managed resource has one, and most never flip, so
   * those share one per compliance, and the transitions and actors exist only from the first
   * transition to the end of its episode.
   */
  private static final class History {
    /**
     * The history of every resource that never flipped, by its compliance: shared, as most
     * resources never flip, and never changed, since {@link #observe} gives a resource a history
     * of its own at its first flip.
     */
    private static final History CALM_COMPLIANT = new History(true);
    private static final History CALM_DRIFTED = new History(false);

    private boolean lastCompliant;
    private record Transition(Instant at, Map<String, ? extends Set<String>> writers) {}

    private Deque<Transition> transitions;
    private SortedMap<String, SortedSet<String>> actors;
    private Instant lastTransition;
    private boolean active;
    private long episodes;

    History(boolean compliant) {
      this.lastCompliant = compliant;
    }

    static History calm(boolean compliant) {
      return compliant ? CALM_COMPLIANT : CALM_DRIFTED;
    }

    boolean isShared() {
      return this == CALM_COMPLIANT || this == CALM_DRIFTED;
    }

    void recordTransition(Instant now, Map<String, ? extends Set<String>> writers,
        EditWarSettings settings) {
      lastTransition = now;
      if (transitions == null) {
        transitions = new ArrayDeque<>(4);
      }
      transitions.addLast(new Transition(now, Map.copyOf(writers)));
      Instant windowStart = now.minus(settings.window());
      while (!transitions.isEmpty() && transitions.peekFirst().at().isBefore(windowStart)) {
        transitions.removeFirst();
      }
      if (active) {
        addActors(writers);
      } else if (transitions.size() >= settings.minTransitions()) {
        active = true;
        episodes++;
        transitions.forEach(t -> addActors(t.writers()));
      }
    }

    private void addActors(Map<String, ? extends Set<String>> writers) {
      if (actors == null) {
        actors = new TreeMap<>();
      }
      writers.forEach((manager, fields) -> {
        if (actors.containsKey(manager) || actors.size() < MAX_ACTORS) {
          actors.computeIfAbsent(manager, m -> new TreeSet<>()).addAll(fields);
        }
      });
    }

    boolean endIfQuiet(Instant now, EditWarSettings settings) {
      if (!active || now.isBefore(lastTransition.plus(settings.window()))) {
        return false;
      }
      active = false;
      transitions = null;
      actors = null;
      return true;
    }

    EditWarState state() {
      return actors == null ? new EditWarState(active, episodes)
          : new EditWarState(active, episodes, actors);
    }
  }
}
