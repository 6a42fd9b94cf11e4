package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import io.virtplatform.exporter.http.AccessCheck.Verdict;

/**
 * Lets a request through to its route only when the {@link AccessCheck} allows it. The check runs
 * on a worker thread, since it may block. A denied request gets 401 (with the challenge) or 403
 * and an empty body: nothing about the route, the user or the reason leaks.
 */
final class GuardedRoute implements HttpHandler {

  private final String route;
  private final AccessCheck access;
  private final HttpHandler next;

  GuardedRoute(String route, AccessCheck access, HttpHandler next) {
    this.route = route;
    this.access = access;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    Verdict verdict = access.check(exchange, route);
    if (verdict == Verdict.ALLOWED) {
      next.handleRequest(exchange);
      return;
    }
    if (verdict == Verdict.UNAUTHENTICATED) {
      exchange.setStatusCode(StatusCodes.UNAUTHORIZED);
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, access.challenge());
    } else {
      exchange.setStatusCode(StatusCodes.FORBIDDEN);
    }
    exchange.endExchange();
  }
}
