package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesSelectorTest {

  @Test
  void readsNameAndLabelNamesIncludingEmptyAndEscapedValues() {
    SeriesSelector s = SeriesSelector.parse(
        "virt_platform_compliance_status{kind=\"CDI\", name=\"a\\\"b,c\", namespace=\"\"}");

    assertThat(s.metric()).isEqualTo("virt_platform_compliance_status");
    assertThat(s.labelNames()).containsExactlyInAnyOrder("kind", "name", "namespace");
  }

  @Test
  void acceptsASeriesWithoutLabels() {
    assertThat(SeriesSelector.parse("up").labelNames()).isEmpty();
  }

  @Test
  void rejectsLabelsItCannotRead() {
    assertThatThrownBy(() -> SeriesSelector.parse("up{job=unquoted}"))
        .hasMessageContaining("up{job=unquoted}");
  }
}
