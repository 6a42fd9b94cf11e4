package io.virtplatform.exporter.core.metrics;

import java.io.IOException;
import java.io.OutputStream;

/** One scrape's worth of output: the store families, then the self metrics. */
public final class MetricsExposition {

  private final MetricStore store;
  private final SelfMetrics self;

  public MetricsExposition(MetricStore store, SelfMetrics self) {
    this.store = store;
    this.self = self;
  }

  /**
   * Writes what {@link #scrape} holds. The self metrics go last because client_java's
   * OpenMetrics writer terminates the document with {@code # EOF}; the store writes none, so the
   * output has exactly one, at the end.
   */
  public void writeTo(OutputStream out, ExpositionFormat format) throws IOException {
    scrape(format).writeTo(out);
  }

  /**
   * The document to send: the store's rendered bytes as they are (no copy, whatever the number
   * of series), then the self metrics (see {@link SelfMetrics#render}).
   */
  public ScrapeBytes scrape(ExpositionFormat format) {
    return store.scrape(format, self.render(format));
  }
}
