package io.virtplatform.exporter.core.metrics;

/** Prometheus metric types the exporter uses. */
public enum MetricType {
  GAUGE,
  COUNTER
}
