package io.virtplatform.exporter.testing;

import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Renders what the metric store or a whole scrape writes, for assertions. */
public final class Exposition {

  /** The {@code writeTo} that MetricStore and MetricsExposition share. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out, ExpositionFormat format) throws IOException;
  }

  private Exposition() {}

  public static String text(Writer writer, ExpositionFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.writeTo(out, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The classic text format, read into samples. */
  public static Series series(Writer writer) {
    return Series.parse(text(writer, ExpositionFormat.PROMETHEUS_TEXT_004));
  }
}
