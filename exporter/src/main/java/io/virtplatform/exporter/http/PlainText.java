package io.virtplatform.exporter.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/** Short text/plain responses for probes and errors. */
final class PlainText {

  private PlainText() {
  }

  static void send(HttpServerExchange exchange, int status, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseSender().send(body + "\n", StandardCharsets.UTF_8);
  }
}
