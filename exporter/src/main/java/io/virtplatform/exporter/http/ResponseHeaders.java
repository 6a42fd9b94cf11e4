package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers on every response: the browser hardening for the HTML pages, then those of the web
 * config's {@code http_server_config.headers}, which may override them.
 *
 * <p>The pages load nothing (no scripts, images, frames or forms) and style themselves with one
 * inline {@code <style>} element, so the policy allows exactly that. They go on every response,
 * not only HTML ones: a JSON or text body that a browser sniffed as HTML would need them as much.
 */
final class ResponseHeaders implements HttpHandler {

  static final Map<String, String> HARDENING = Map.of(
      "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer");

  private final Map<HttpString, String> headers = new LinkedHashMap<>();
  private final HttpHandler next;

  ResponseHeaders(Map<String, String> configured, HttpHandler next) {
    HARDENING.forEach((name, value) -> headers.put(new HttpString(name), value));
    configured.forEach((name, value) -> headers.put(new HttpString(name), value));
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    headers.forEach((name, value) -> exchange.getResponseHeaders().put(name, value));
    next.handleRequest(exchange);
  }
}
