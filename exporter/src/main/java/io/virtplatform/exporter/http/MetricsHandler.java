package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricsExposition;
import io.virtplatform.exporter.core.metrics.ScrapeBytes;
import java.time.Duration;

/**
 * Serves /metrics in the format the scraper asks for. The body is the store's rendered bytes as
 * they are, not a copy, so a scrape allocates the same few kilobytes whatever the number of
 * series; it is sent without blocking ({@link NonBlockingSend}; gzip, when accepted, is applied
 * as it is sent), so a scraper that reads slowly holds its connection but no worker thread.
 */
final class MetricsHandler implements HttpHandler {

  private final MetricsExposition exposition;
  private final Duration writeTimeout;
  private final SendFailures failures;

  /**
   * @param writeTimeout how long the scraper may accept no data before it is disconnected
   * @param failures counts and logs the responses not sent to the end
   */
  MetricsHandler(MetricsExposition exposition, Duration writeTimeout, SendFailures failures) {
    this.exposition = exposition;
    this.writeTimeout = writeTimeout;
    this.failures = failures;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    HeaderValues accept = exchange.getRequestHeaders().get(Headers.ACCEPT);
    ExpositionFormat format = ExpositionFormat.negotiate(
        accept == null ? null : String.join(",", accept));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, format.contentType());
    exchange.getResponseHeaders().put(Headers.VARY,
        Headers.ACCEPT_STRING + ", " + Headers.ACCEPT_ENCODING_STRING);
    ScrapeBytes body = exposition.scrape(format);
    NonBlockingSend.send(exchange, body.length(), body::copyTo, writeTimeout, failures, () -> { });
  }
}
