package io.virtplatform.exporter.core.metrics;

import static io.virtplatform.exporter.core.metrics.ExpositionFormat.OPENMETRICS_100;
import static io.virtplatform.exporter.core.metrics.ExpositionFormat.PROMETHEUS_TEXT_004;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpositionFormatTest {

  /** What Prometheus 2.x sends by default. */
  static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
      + "*/*;q=0.1";

  @ParameterizedTest
  @ValueSource(strings = {
      PROMETHEUS_ACCEPT,
      "application/openmetrics-text",
      "Application/OpenMetrics-Text; version=1.0.0; charset=utf-8",
      "text/plain;q=0.5, application/openmetrics-text;q=0.9",
      "text/html, application/openmetrics-text;version=1.0.0"})
  void picksOpenMetricsWhenTheClientPrefersIt(String accept) {
    assertThat(ExpositionFormat.negotiate(accept)).isEqualTo(OPENMETRICS_100);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "text/plain",
      "text/plain;version=0.0.4",
      "*/*",
      "application/json",
      "application/openmetrics-text;q=0",
      "application/openmetrics-text;q=0.3, text/plain",
      "application/openmetrics-text;q=oops"})
  void fallsBackToTheClassicTextFormat(String accept) {
    assertThat(ExpositionFormat.negotiate(accept)).isEqualTo(PROMETHEUS_TEXT_004);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PROMETHEUS_TEXT_004|text/plain; version=0.0.4; charset=utf-8",
      "OPENMETRICS_100|application/openmetrics-text; version=1.0.0; charset=utf-8"})
  void announcesItsContentType(ExpositionFormat format, String contentType) {
    assertThat(format.contentType()).isEqualTo(contentType);
  }
}
