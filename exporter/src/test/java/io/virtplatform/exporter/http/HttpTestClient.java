package io.virtplatform.exporter.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP/1.1 requests against a running {@link ExporterHttpServer}. */
final class HttpTestClient {

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .build();
  private final ExporterHttpServer server;

  HttpTestClient(ExporterHttpServer server) {
    this.server = server;
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(path, HttpResponse.BodyHandlers.ofString(), headers);
  }

  HttpResponse<byte[]> getBytes(String path, String... headers) {
    return send(path, HttpResponse.BodyHandlers.ofByteArray(), headers);
  }

  CompletableFuture<HttpResponse<String>> getAsync(String path) {
    return client.sendAsync(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> body,
      String... headers) {
    HttpRequest.Builder request = request(path);
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }
}
