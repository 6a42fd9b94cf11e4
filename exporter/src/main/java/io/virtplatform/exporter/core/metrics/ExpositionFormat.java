package io.virtplatform.exporter.core.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The text formats served on /metrics. */
public enum ExpositionFormat {
  PROMETHEUS_TEXT_004("text/plain; version=0.0.4; charset=utf-8",
      PrometheusTextFormatWriter.create()) {
    @Override
    byte[] header(ExportedMetric metric) {
      String name = metric.metricName();
      return utf8("# HELP " + name + ' ' + ExpositionText.help(metric.help(), false) + '\n'
          + "# TYPE " + name + ' ' + ExpositionText.typeName(metric.type()) + '\n');
    }
  },
  OPENMETRICS_100("application/openmetrics-text; version=1.0.0; charset=utf-8",
      OpenMetricsTextFormatWriter.create()) {
    @Override
    byte[] header(ExportedMetric metric) {
      String name = ExpositionText.familyName(metric);
      return utf8("# TYPE " + name + ' ' + ExpositionText.typeName(metric.type()) + '\n'
          + "# HELP " + name + ' ' + ExpositionText.help(metric.help(), true) + '\n');
    }
  };

  private static final String OPENMETRICS_MEDIA_TYPE = "application/openmetrics-text";

  private final String contentType;
  private final ExpositionFormatWriter selfMetricsWriter;

  ExpositionFormat(String contentType, ExpositionFormatWriter selfMetricsWriter) {
    this.contentType = contentType;
    this.selfMetricsWriter = selfMetricsWriter;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * OpenMetrics when the client names {@code application/openmetrics-text} with a quality at
   * least as high as any range matching text/plain (Prometheus sends exactly that); otherwise,
   * including a missing header or a bare {@code *}{@code /*}, the 0.0.4 text format every
   * Prometheus-compatible scraper understands.
   */
  public static ExpositionFormat negotiate(String acceptHeader) {
    if (acceptHeader == null) {
      return PROMETHEUS_TEXT_004;
    }
    double openMetricsQuality = 0;
    double textQuality = 0;
    for (String range : acceptHeader.split(",")) {
      String[] parts = range.split(";");
      String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
      double quality = quality(parts);
      if (mediaType.equals(OPENMETRICS_MEDIA_TYPE)) {
        openMetricsQuality = Math.max(openMetricsQuality, quality);
      } else if (mediaType.equals("text/plain") || mediaType.equals("text/*")
          || mediaType.equals("*/*")) {
        textQuality = Math.max(textQuality, quality);
      }
    }
    return openMetricsQuality > 0 && openMetricsQuality >= textQuality
        ? OPENMETRICS_100 : PROMETHEUS_TEXT_004;
  }

  private static double quality(String[] mediaRangeParts) {
    for (int i = 1; i < mediaRangeParts.length; i++) {
      String parameter = mediaRangeParts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2).trim());
        } catch (NumberFormatException malformed) {
          return 0;
        }
      }
    }
    return 1;
  }

  /** HELP and TYPE lines of a store family. */
  abstract byte[] header(ExportedMetric metric);

  /**
   * The snapshots as client_java's writer renders them, for the self metrics. Its OpenMetrics
   * variant ends the document with {@code # EOF}, so it must be the last thing in a scrape.
   */
  byte[] write(MetricSnapshots snapshots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      selfMetricsWriter.write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
