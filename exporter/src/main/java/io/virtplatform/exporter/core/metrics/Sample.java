package io.virtplatform.exporter.core.metrics;

import java.util.List;

/**
 * One series of a store family: label values in the order of the family's
 * {@link ExportedMetric#labelNames()}, and the value. The store checks the label count against
 * the family when the sample is put.
 */
public record Sample(List<String> labelValues, double value) {

  public Sample {
    labelValues = List.copyOf(labelValues);
  }

  public static Sample of(double value, String... labelValues) {
    return new Sample(List.of(labelValues), value);
  }
}
