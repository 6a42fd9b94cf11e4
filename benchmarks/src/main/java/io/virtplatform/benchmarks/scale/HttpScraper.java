package io.virtplatform.benchmarks.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A lean HTTP client for the measurements: reads a whole response into a reused buffer, so the
 * client adds as little as possible to the server's time and nothing to its allocation. Not
 * thread-safe; use one per thread.
 */
final class HttpScraper {

  private final URI uri;
  private final boolean gzip;
  private byte[] body = new byte[1 << 20];
  private int length;

  HttpScraper(String url, boolean gzip) {
    this.uri = URI.create(url);
    this.gzip = gzip;
  }

  /** Fetches the URL; returns the status code. The body (still compressed with gzip) is kept. */
  int fetch() {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setRequestProperty("Accept", "text/plain");
      if (gzip) {
        connection.setRequestProperty("Accept-Encoding", "gzip");
      }
      int status = connection.getResponseCode();
      try (InputStream in = status < 400 ? connection.getInputStream()
          : connection.getErrorStream()) {
        length = 0;
        int read;
        while (in != null && (read = in.read(body, length, body.length - length)) >= 0) {
          length += read;
          if (length == body.length) {
            body = java.util.Arrays.copyOf(body, body.length * 2);
          }
        }
      }
      return status;
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri, e);
    }
  }

  int length() {
    return length;
  }

  String text() {
    return new String(body, 0, length, StandardCharsets.UTF_8);
  }
}
