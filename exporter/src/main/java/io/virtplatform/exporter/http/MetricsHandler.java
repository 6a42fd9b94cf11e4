package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricsExposition;
import java.io.OutputStream;

/**
 * Streams the in-memory metrics in the negotiated format. Runs in blocking mode on a worker
 * thread; it never talks to the Kubernetes API, so a scrape costs only the copy of rendered bytes.
 */
final class MetricsHandler implements HttpHandler {

  private final MetricsExposition exposition;

  MetricsHandler(MetricsExposition exposition) {
    this.exposition = exposition;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HeaderValues accept = exchange.getRequestHeaders().get(Headers.ACCEPT);
    ExpositionFormat format = ExpositionFormat.negotiate(
        accept == null ? null : String.join(",", accept));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, format.contentType());
    exchange.getResponseHeaders().put(Headers.VARY,
        Headers.ACCEPT_STRING + ", " + Headers.ACCEPT_ENCODING_STRING);
    try (OutputStream out = exchange.getOutputStream()) {
      exposition.writeTo(out, format);
    }
  }
}
