package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The landing page: one link per route, in the order the routes were added. */
final class IndexPage implements HttpHandler {

  /** A route shown on the page. */
  record Link(String path, String description) {
  }

  private final List<Link> links;

  /** The list is read at each request, so routes added later still show up. */
  IndexPage(List<Link> links) {
    this.links = links;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    StringBuilder html = new StringBuilder(512)
        .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append("<title>virt-platform-exporter</title></head>\n<body>\n")
        .append("<h1>virt-platform-exporter</h1>\n<ul>\n");
    for (Link link : links) {
      String path = Html.escape(link.path());
      html.append("<li><a href=\"").append(path).append("\">").append(path).append("</a>");
      if (!link.description().isEmpty()) {
        html.append(" &ndash; ").append(Html.escape(link.description()));
      }
      html.append("</li>\n");
    }
    html.append("</ul>\n</body></html>\n");
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseSender().send(html.toString(), StandardCharsets.UTF_8);
  }
}
