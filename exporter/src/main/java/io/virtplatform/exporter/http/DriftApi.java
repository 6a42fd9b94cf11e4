package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.virtplatform.exporter.core.drift.DriftReport;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code /api/v1/drift}: the drift explainer as JSON (see {@link DriftJson}). */
public final class DriftApi implements HttpHandler {

  private final Supplier<DriftReport> report;

  /** @param report called on every request; it reads in-memory state only */
  public DriftApi(Supplier<DriftReport> report) {
    this.report = report;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    exchange.getResponseSender().send(DriftJson.document(report.get()), StandardCharsets.UTF_8);
  }
}
