package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * Every endpoint is read-only: GET and HEAD go on, anything else gets 405 with {@code Allow},
 * before authentication, so that no method reaches a handler that was not written for it.
 */
final class AllowedMethods implements HttpHandler {

  static final String ALLOW = "GET, HEAD";

  private final HttpHandler next;

  AllowedMethods(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.getRequestMethod().equals(Methods.GET)
        || exchange.getRequestMethod().equals(Methods.HEAD)) {
      next.handleRequest(exchange);
      return;
    }
    exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
    exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
    exchange.setPersistent(false);
    exchange.endExchange();
  }
}
