package io.virtplatform.exporter.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemVerTest {

  private static SemVer v(String text) {
    return SemVer.parse(text).orElseThrow();
  }

  @Test
  void readsTagsWithOrWithoutVAndFillsMissingNumbersWithZero() {
    assertThat(v("v1.9.4")).isEqualTo(new SemVer(1, 9, 4, List.of()));
    assertThat(v("1.9.4")).isEqualTo(v("v1.9.4"));
    assertThat(v("v1.6")).isEqualTo(new SemVer(1, 6, 0, List.of()));
    assertThat(v("v1.8.0-rc.1+build.7")).isEqualTo(new SemVer(1, 8, 0, List.of("rc", "1")));
    assertThat(v("v1.8.0-rc.1").toString()).isEqualTo("1.8.0-rc.1");
  }

  @Test
  void textThatIsNoVersionIsEmpty() {
    assertThat(SemVer.parse("latest")).isEmpty();
    assertThat(SemVer.parse("v1.9.4.1")).isEmpty();
    assertThat(SemVer.parse("v01.9.4")).as("leading zero").isEmpty();
    assertThat(SemVer.parse("v1.9.4-rc.01")).as("leading zero in a numeric identifier").isEmpty();
    assertThat(SemVer.parse("")).isEmpty();
    assertThat(SemVer.parse(null)).isEmpty();
  }

  @Test
  void ordersByPrecedenceWithPreReleasesBeforeTheirRelease() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
        "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0",
        "1.10.0", "2.0.0");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      assertThat(v(ordered.get(i))).as("%s < %s", ordered.get(i), ordered.get(i + 1))
          .isLessThan(v(ordered.get(i + 1)));
    }
    assertThat(v("1.0.0+a").compareTo(v("1.0.0+b"))).as("build metadata is ignored").isZero();
  }

  @Test
  void readsTheTagOfAnImageButNotADigest() {
    assertThat(SemVer.ofImage("registry.k8s.io/cluster-api/cluster-api-controller:v1.9.4"))
        .contains(v("1.9.4"));
    assertThat(SemVer.ofImage("registry.local:5000/capmox:v0.5.1")).contains(v("0.5.1"));
    assertThat(SemVer.ofImage("registry.local:5000/capmox")).as("a port is no tag").isEmpty();
    assertThat(SemVer.ofImage("ghcr.io/ionos-cloud/capmox@sha256:" + "a".repeat(64))).isEmpty();
    assertThat(SemVer.ofImage("ghcr.io/ionos-cloud/capmox:v0.5.1@sha256:" + "a".repeat(64)))
        .as("the digest decides what runs, and says no version").isEmpty();
    assertThat(SemVer.ofImage("capmox:latest")).isEqualTo(Optional.empty());
  }
}
