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

/**
 * Detects edit wars from the compliance flips of managed resources. A flip (compliant to drifted or
 * back) is a transition; {@code minTransitions} transitions inside a sliding {@code window} start an
 * episode, and a quiet {@code window} without transitions ends it. A resource that drifts once and
 * stays drifted makes one transition and never starts an episode.
 */
public final class EditWarDetector {

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
  public synchronized EditWarState observe(ResourceRef ref, boolean compliant) {
    History history = histories.computeIfAbsent(ref, r -> new History(compliant));
    Instant now = clock.instant();
    if (history.lastCompliant != compliant) {
      history.lastCompliant = compliant;
      history.recordTransition(now, settings);
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

  /** Drops all memory of a resource that is no longer managed, so nothing of it is reported. */
  public synchronized void forget(ResourceRef ref) {
    histories.remove(ref);
  }

  private static final class History {
    private boolean lastCompliant;
    private final Deque<Instant> transitions = new ArrayDeque<>();
    private Instant lastTransition;
    private boolean active;
    private long episodes;

    History(boolean compliant) {
      this.lastCompliant = compliant;
    }

    void recordTransition(Instant now, EditWarSettings settings) {
      lastTransition = now;
      transitions.addLast(now);
      Instant windowStart = now.minus(settings.window());
      while (!transitions.isEmpty() && transitions.peekFirst().isBefore(windowStart)) {
        transitions.removeFirst();
      }
      if (!active && transitions.size() >= settings.minTransitions()) {
        active = true;
        episodes++;
      }
    }

    boolean endIfQuiet(Instant now, EditWarSettings settings) {
      if (!active || now.isBefore(lastTransition.plus(settings.window()))) {
        return false;
      }
      active = false;
      transitions.clear();
      return true;
    }

    EditWarState state() {
      return new EditWarState(active, episodes);
    }
  }
}
