package io.virtplatform.exporter.core.diagnostics.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.CompatibilityRule;
import io.virtplatform.exporter.core.model.SemVer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped CAPMOX/Cluster API matrix, judged against the versions the components run. */
class CompatibilityCheckTest {

  private static final CompatibilityRule CAPMOX = CompatibilityRule.DEFAULT.get(0);

  private static Optional<Boolean> judge(List<String> capmox, List<String> capi) {
    return CompatibilityCheck.compatible(CAPMOX,
        capmox.stream().map(v -> SemVer.parse(v).orElseThrow()).toList(),
        capi.stream().map(v -> SemVer.parse(v).orElseThrow()).toList());
  }

  @Test
  void theDefaultIsCapmoxRequiringClusterApiCore() {
    assertThat(CAPMOX.component()).isEqualTo("capmox-controller-manager");
    assertThat(CAPMOX.requires()).isEqualTo("capi-controller-manager");
  }

  @Test
  void followsThePublishedTable() {
    assertThat(judge(List.of("v0.1.3"), List.of("v1.4.9"))).contains(true);
    assertThat(judge(List.of("v0.1.3"), List.of("v1.6.0"))).contains(false);
    assertThat(judge(List.of("v0.2.0"), List.of("v1.6.1"))).contains(true);
    assertThat(judge(List.of("v0.3.1"), List.of("v1.7.2"))).contains(true);
    assertThat(judge(List.of("v0.4.0"), List.of("v1.4.2"))).contains(false);
    assertThat(judge(List.of("v0.5.1"), List.of("v1.7.4"))).contains(true);
    assertThat(judge(List.of("v0.5.1"), List.of("v1.5.3"))).as("Cluster API too old")
        .contains(false);
    assertThat(judge(List.of("v0.5.1"), List.of("v1.9.4"))).as("Cluster API too new, seed 003")
        .contains(false);
  }

  @Test
  void versionsTheTableDoesNotCoverOrUnknownVersionsAreNotJudged() {
    assertThat(judge(List.of("v0.6.2"), List.of("v1.9.4"))).as("newer than the table").isEmpty();
    assertThat(judge(List.of(), List.of("v1.7.0"))).as("CAPMOX runs no tagged version").isEmpty();
    assertThat(judge(List.of("v0.5.1"), List.of())).as("Cluster API version unknown").isEmpty();
  }

  @Test
  void duringARolloutEveryVersionPairMustWork() {
    assertThat(judge(List.of("v0.5.1"), List.of("v1.7.4", "v1.9.4"))).contains(false);
    assertThat(judge(List.of("v0.4.0", "v0.5.1"), List.of("v1.6.3"))).contains(true);
    assertThat(judge(List.of("v0.6.0", "v0.1.0"), List.of("v1.6.3")))
        .as("the covered version decides").contains(false);
  }
}
