package io.virtplatform.exporter.core.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A client_java registry rendered at most once per {@code maxAge} and format, for metrics that
 * are costly to collect and do not need to be exact to the millisecond (the JVM's: thread states,
 * memory pools, GC). Scrapes closer together than {@code maxAge}, such as two Prometheus replicas
 * or a scrape storm, write the same bytes; none sees values older than {@code maxAge}.
 *
 * <p>The OpenMetrics rendering is kept without its {@code # EOF}, so other families can follow.
 */
final class CachedExposition {

  private static final byte[] OPENMETRICS_EOF = "# EOF\n".getBytes(StandardCharsets.UTF_8);

  private record Rendered(long atNanos, byte[] bytes) {}

  private final PrometheusRegistry registry;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Map<ExpositionFormat, Rendered> rendered = new EnumMap<>(ExpositionFormat.class);

  CachedExposition(PrometheusRegistry registry, Duration maxAge) {
    this(registry, maxAge, System::nanoTime);
  }

  CachedExposition(PrometheusRegistry registry, Duration maxAge, LongSupplier nanoTime) {
    this.registry = registry;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The rendering in the format, made now if the last is {@code maxAge} old; read it only. */
  synchronized byte[] bytes(ExpositionFormat format) {
    long now = nanoTime.getAsLong();
    Rendered last = rendered.get(format);
    if (last == null || now - last.atNanos >= maxAgeNanos) {
      last = new Rendered(now, render(format));
      rendered.put(format, last);
    }
    return last.bytes;
  }

  private byte[] render(ExpositionFormat format) {
    byte[] bytes = format.write(registry.scrape());
    if (format != ExpositionFormat.OPENMETRICS_100) {
      return bytes;
    }
    int bodyLength = bytes.length - OPENMETRICS_EOF.length;
    if (bodyLength < 0 || !Arrays.equals(bytes, bodyLength, bytes.length,
        OPENMETRICS_EOF, 0, OPENMETRICS_EOF.length)) {
      throw new IllegalStateException("client_java's OpenMetrics writer no longer ends with # EOF");
    }
    return Arrays.copyOf(bytes, bodyLength);
  }
}
