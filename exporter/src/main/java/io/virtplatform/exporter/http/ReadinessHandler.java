package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.function.Supplier;

/** 200 "ok" when ready, else 503 with the reason, for Kubernetes readiness probes and humans. */
final class ReadinessHandler implements HttpHandler {

  private final Supplier<Optional<String>> notReadyReason;

  ReadinessHandler(Supplier<Optional<String>> notReadyReason) {
    this.notReadyReason = notReadyReason;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Optional<String> reason = notReadyReason.get();
    if (reason.isPresent()) {
      PlainText.send(exchange, 503, "not ready: " + reason.get());
    } else {
      PlainText.send(exchange, 200, "ok");
    }
  }
}
