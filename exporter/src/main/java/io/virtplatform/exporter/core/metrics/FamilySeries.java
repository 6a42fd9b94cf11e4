package io.virtplatform.exporter.core.metrics;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One store family: renders an owner's samples to exposition lines when they are put, and keeps
 * them, in owner-key order, in {@link ChunkedLines}, so that a scrape of the family is its header
 * and a few large writes.
 */
final class FamilySeries {

  private final ExportedMetric metric;
  private final Map<ExpositionFormat, byte[]> headers = new EnumMap<>(ExpositionFormat.class);
  private final ChunkedLines linesByOwner = new ChunkedLines();

  FamilySeries(ExportedMetric metric) {
    this.metric = metric;
    for (ExpositionFormat format : ExpositionFormat.values()) {
      headers.put(format, format.header(metric));
    }
  }

  void put(String ownerKey, List<Sample> samples) {
    if (samples.isEmpty()) {
      linesByOwner.remove(ownerKey);
    } else {
      linesByOwner.put(ownerKey, render(samples));
    }
  }

  void remove(String ownerKey) {
    linesByOwner.remove(ownerKey);
  }

  void retain(Set<String> ownerKeys) {
    linesByOwner.retain(ownerKeys);
  }

  /** HELP and TYPE lines in the format; to be read only. */
  byte[] header(ExpositionFormat format) {
    return headers.get(format);
  }

  /** The owners' lines as the last put left them. */
  ChunkedLines.Snapshot lines() {
    return linesByOwner.snapshot();
  }

  private byte[] render(List<Sample> samples) {
    List<String> labelNames = metric.labelNames();
    StringBuilder text = new StringBuilder(samples.size() * 128);
    for (Sample sample : samples) {
      check(sample);
      text.append(metric.metricName());
      if (!labelNames.isEmpty()) {
        text.append('{');
        for (int i = 0; i < labelNames.size(); i++) {
          if (i > 0) {
            text.append(',');
          }
          text.append(labelNames.get(i)).append("=\"");
          ExpositionText.appendLabelValue(text, sample.labelValues().get(i));
          text.append('"');
        }
        text.append('}');
      }
      text.append(' ').append(ExpositionText.value(sample.value())).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void check(Sample sample) {
    if (sample.labelValues().size() != metric.labelNames().size()) {
      throw new IllegalArgumentException(metric.metricName() + " takes labels "
          + metric.labelNames() + " but the sample has values " + sample.labelValues());
    }
    if (metric.type() == MetricType.COUNTER && !(sample.value() >= 0)) {
      throw new IllegalArgumentException("counter " + metric.metricName()
          + " needs a non-negative value, got " + sample.value() + " for "
          + sample.labelValues());
    }
  }
}
