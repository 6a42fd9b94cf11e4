package io.virtplatform.exporter.http;

import io.undertow.server.HttpServerExchange;

/**
 * Whether a request may read the route it asks for. Every route but the probes goes through one;
 * {@link #OPEN} lets everyone in. Called on a worker thread, so it may block: checking a bcrypt
 * hash or asking the API server takes milliseconds to seconds.
 */
public interface AccessCheck extends AutoCloseable {

  /** The outcome; a denied request gets 401 or 403 with an empty body. */
  enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

  AccessCheck OPEN = new AccessCheck() {
    @Override
    public Verdict check(HttpServerExchange exchange, String route) {
      return Verdict.ALLOWED;
    }

    @Override
    public String challenge() {
      return "";
    }
  };

  /**
   * @param route the path of the route asked for, as registered (not as the client spelled it)
   */
  Verdict check(HttpServerExchange exchange, String route);

  /** The {@code WWW-Authenticate} value sent with 401, such as {@code Bearer}. */
  String challenge();

  /** Releases what the check holds, such as its API client; the server calls it on stop. */
  @Override
  default void close() {
  }
}
