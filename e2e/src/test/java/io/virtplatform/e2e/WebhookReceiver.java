package io.virtplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for a pager: records every alert of every notification Alertmanager posts. */
final class WebhookReceiver implements AutoCloseable {

  private static final String PATH = "/alerts";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<ReceivedAlert> received = new CopyOnWriteArrayList<>();
  private final List<String> unreadable = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(PATH, receiver::handle);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the webhook receiver", e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Everything received so far, oldest first. */
  List<ReceivedAlert> alerts() {
    return List.copyOf(received);
  }

  /** Notification bodies that were not Alertmanager's webhook JSON; the test expects none. */
  List<String> unreadableNotifications() {
    return List.copyOf(unreadable);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Instant now = Instant.now();
    String body = new String(exchange.getRequestBody().readAllBytes(),
        StandardCharsets.UTF_8);
    int status = 200;
    try {
      JsonNode alerts = JSON.readTree(body).path("alerts");
      if (!alerts.isArray() || alerts.isEmpty()) {
        throw new IOException("no alerts array");
      }
      alerts.forEach(a -> received.add(new ReceivedAlert(a.path("status").asText(),
          strings(a.path("labels")), strings(a.path("annotations")), now)));
    } catch (IOException e) {
      unreadable.add(e.getMessage() + ": " + body);
      status = 400;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return Map.copyOf(map);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
