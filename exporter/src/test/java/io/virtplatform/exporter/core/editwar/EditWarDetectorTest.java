package io.virtplatform.exporter.core.editwar;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EditWarDetectorTest {

  private static final ResourceRef REF = new ResourceRef(
      new GroupVersionKind("storage.k8s.io", "v1", "StorageClass"), "", "virt-default");
  private static final ResourceRef OTHER = new ResourceRef(
      new GroupVersionKind("", "v1", "ConfigMap"), "cdi", "tuning");

  private final MutableClock clock = new MutableClock();
  private final EditWarDetector detector =
      new EditWarDetector(new EditWarSettings(Duration.ofMinutes(10), 6), clock);

  /** Alternates compliance {@code flips} times, one every {@code every}. */
  private EditWarState flip(ResourceRef ref, int flips, Duration every) {
    EditWarState state = detector.observe(ref, true);
    boolean compliant = true;
    for (int i = 0; i < flips; i++) {
      clock.advance(every);
      compliant = !compliant;
      state = detector.observe(ref, compliant);
    }
    return state;
  }

  @Test
  void episodeStartsAtTheSixthTransitionWithinTheWindow() {
    assertThat(flip(REF, 5, Duration.ofSeconds(30))).isEqualTo(new EditWarState(false, 0));
    clock.advance(Duration.ofSeconds(30));
    assertThat(detector.observe(REF, true)).isEqualTo(new EditWarState(true, 1));
  }

  @Test
  void ongoingEpisodeIsCountedOnce() {
    flip(REF, 20, Duration.ofSeconds(10));
    assertThat(detector.state(REF)).isEqualTo(new EditWarState(true, 1));
  }

  @Test
  void transitionsSpreadWiderThanTheWindowAreNotAWar() {
    assertThat(flip(REF, 12, Duration.ofMinutes(3))).isEqualTo(new EditWarState(false, 0));
  }

  @Test
  void episodeEndsAfterAQuietWindowAndANewOneCountsAgain() {
    flip(REF, 6, Duration.ofSeconds(10));
    clock.advance(Duration.ofMinutes(9));
    assertThat(detector.endQuietEpisodes()).isEmpty();
    assertThat(detector.state(REF).active()).isTrue();

    clock.advance(Duration.ofMinutes(1));
    assertThat(detector.endQuietEpisodes()).containsExactly(REF);
    assertThat(detector.state(REF)).isEqualTo(new EditWarState(false, 1));

    flip(REF, 6, Duration.ofSeconds(10));
    assertThat(detector.state(REF)).isEqualTo(new EditWarState(true, 2));
  }

  @Test
  void driftThatStaysIsNotAWar() {
    detector.observe(REF, true);
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(detector.observe(REF, false)).isEqualTo(new EditWarState(false, 0));
    }
  }

  @Test
  void repeatedEventsWithoutAFlipAreNotTransitions() {
    detector.observe(REF, true);
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(1));
      detector.observe(REF, true);
    }
    assertThat(detector.state(REF)).isEqualTo(EditWarState.CALM);
  }

  /** Resources that never flipped share what is remembered of them: a flip must not leak. */
  @Test
  void resourcesThatStartedAlikeKeepTheirOwnTransitions() {
    detector.observe(REF, true);
    detector.observe(OTHER, true);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      assertThat(detector.observe(REF, i % 2 == 1).active()).isFalse();
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(detector.observe(OTHER, false)).isEqualTo(EditWarState.CALM);
    assertThat(detector.observe(OTHER, false)).isEqualTo(EditWarState.CALM);
    assertThat(detector.observe(REF, true).active()).isTrue(); // REF's sixth transition
    assertThat(detector.state(OTHER)).isEqualTo(EditWarState.CALM);
    assertThat(detector.observe(OTHER, true)).isEqualTo(EditWarState.CALM); // its second
    assertThat(detector.observe(new ResourceRef(OTHER.gvk(), "cdi", "third"), true))
        .isEqualTo(EditWarState.CALM);
  }

  @Test
  void resourcesAreTrackedIndependentlyAndForgotten() {
    flip(REF, 6, Duration.ofSeconds(10));
    flip(OTHER, 2, Duration.ofSeconds(10));
    assertThat(detector.state(OTHER)).isEqualTo(EditWarState.CALM);

    detector.forget(REF);
    assertThat(detector.state(REF)).isEqualTo(EditWarState.CALM);
  }

  @Test
  void actorsAreThoseOfTheEpisodesTransitionsAndGoWhenItEnds() {
    detector.observe(REF, true);
    // An early flip, outside the window by the time the episode starts, does not count.
    clock.advance(Duration.ofSeconds(10));
    detector.observe(REF, false, () -> Map.of("early-bird", Set.of(".data.a")));
    clock.advance(Duration.ofSeconds(10));
    detector.observe(REF, true, () -> Map.of("autopilot", Set.of(".data.a")));
    clock.advance(Duration.ofMinutes(11));
    boolean compliant = true;
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      compliant = !compliant;
      String manager = compliant ? "autopilot" : "intruder";
      assertThat(detector.observe(REF, compliant, () -> Map.of(manager, Set.of(".data.b")))
          .actors()).as("no actors before the episode").isEmpty();
    }
    clock.advance(Duration.ofSeconds(10));
    EditWarState started = detector.observe(REF, true, () -> Map.of("autopilot", Set.of(".data.c")));
    assertThat(started.active()).isTrue();
    assertThat(started.actors()).isEqualTo(Map.of(
        "autopilot", new TreeSet<>(Set.of(".data.b", ".data.c")),
        "intruder", new TreeSet<>(Set.of(".data.b"))));

    clock.advance(Duration.ofSeconds(10));
    assertThat(detector.observe(REF, false, () -> Map.of("third", Set.of(".data.d"))).actors())
        .as("a writer joining a running episode is an actor").containsKey("third");
    assertThat(detector.active()).containsOnlyKeys(REF);

    clock.advance(Duration.ofMinutes(10));
    assertThat(detector.endQuietEpisodes()).containsExactly(REF);
    assertThat(detector.state(REF).actors()).isEmpty();
    assertThat(detector.active()).isEmpty();
  }

  @Test
  void namesAtMostTenManagersPerEpisodeKeepingTheFirst() {
    detector.observe(REF, true);
    boolean compliant = true;
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofSeconds(1));
      compliant = !compliant;
      String manager = String.format("writer-%02d", i);
      detector.observe(REF, compliant, () -> Map.of(manager, Set.of(".data.a")));
    }
    assertThat(detector.state(REF).actors()).hasSize(EditWarDetector.MAX_ACTORS)
        .containsKey("writer-00").containsKey("writer-09").doesNotContainKey("writer-10");
  }
}
