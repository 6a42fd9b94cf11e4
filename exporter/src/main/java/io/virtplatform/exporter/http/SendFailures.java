package io.virtplatform.exporter.http;

import io.undertow.server.HttpServerExchange;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.core.metrics.SelfMetrics.ScrapeError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a response cannot be written to the end: a WARN log naming the route and the
 * client, and for {@code /metrics} a count in {@code virt_platform_exporter_scrape_errors_total}.
 */
class SendFailures {

  private static final Logger LOG = LoggerFactory.getLogger(SendFailures.class);

  private final String route;
  private final Duration writeTimeout;

  SendFailures(String route, Duration writeTimeout) {
    this.route = route;
    this.writeTimeout = writeTimeout;
  }

  /** Also counts each failure as a scrape error. */
  static SendFailures counted(String route, Duration writeTimeout, SelfMetrics self) {
    return new SendFailures(route, writeTimeout) {
      @Override
      void timedOut(HttpServerExchange exchange) {
        self.scrapeError(ScrapeError.WRITE_TIMEOUT);
        super.timedOut(exchange);
      }

      @Override
      void disconnected(HttpServerExchange exchange, IOException cause) {
        self.scrapeError(ScrapeError.CLIENT_DISCONNECTED);
        super.disconnected(exchange, cause);
      }
    };
  }

  void timedOut(HttpServerExchange exchange) {
    LOG.warn("{} response to {} not finished: the client accepted no data for {} ms;"
        + " connection closed", route, peer(exchange), writeTimeout.toMillis());
  }

  void disconnected(HttpServerExchange exchange, IOException cause) {
    LOG.warn("{} response to {} not finished: the client closed the connection ({})",
        route, peer(exchange), cause.toString());
  }

  private static String peer(HttpServerExchange exchange) {
    InetSocketAddress address = exchange.getSourceAddress();
    return address.getHostString() + ":" + address.getPort();
  }
}
