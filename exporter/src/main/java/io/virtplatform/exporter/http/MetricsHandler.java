package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricsExposition;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.core.metrics.SelfMetrics.ScrapeError;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.WriteTimeoutException;

/**
 * Streams the in-memory metrics in the negotiated format. Runs in blocking mode on a worker
 * thread; it never talks to the Kubernetes API, so a scrape costs only the copy of rendered bytes,
 * handed to the connection in large blocks ({@link ResponseChannelOutput}).
 * A response that cannot be written to the end is counted and logged, and its connection closed.
 */
final class MetricsHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);

  private final MetricsExposition exposition;
  private final SelfMetrics self;
  private final Duration writeTimeout;

  /** @param writeTimeout the server's, named in the log when a client stops reading */
  MetricsHandler(MetricsExposition exposition, SelfMetrics self, Duration writeTimeout) {
    this.exposition = exposition;
    this.self = self;
    this.writeTimeout = writeTimeout;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    HeaderValues accept = exchange.getRequestHeaders().get(Headers.ACCEPT);
    ExpositionFormat format = ExpositionFormat.negotiate(
        accept == null ? null : String.join(",", accept));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, format.contentType());
    exchange.getResponseHeaders().put(Headers.VARY,
        Headers.ACCEPT_STRING + ", " + Headers.ACCEPT_ENCODING_STRING);
    try (OutputStream out = new ResponseChannelOutput(exchange)) {
      exposition.writeTo(out, format);
    } catch (IOException e) {
      failed(exchange, e);
    }
  }

  private void failed(HttpServerExchange exchange, IOException e) {
    // The body is cut short: never let another response follow it on this connection.
    IoUtils.safeClose(exchange.getConnection());
    if (e instanceof WriteTimeoutException) {
      self.scrapeError(ScrapeError.WRITE_TIMEOUT);
      LOG.warn("/metrics response to {} not finished: the client accepted no data for {} ms;"
          + " connection closed", peer(exchange), writeTimeout.toMillis());
    } else {
      self.scrapeError(ScrapeError.CLIENT_DISCONNECTED);
      LOG.warn("/metrics response to {} not finished: the client closed the connection ({})",
          peer(exchange), e.toString());
    }
  }

  private static String peer(HttpServerExchange exchange) {
    InetSocketAddress address = exchange.getSourceAddress();
    return address.getHostString() + ":" + address.getPort();
  }
}
