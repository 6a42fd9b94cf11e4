package io.virtplatform.exporter.runtime;

import io.virtplatform.exporter.http.DriftRedaction;
import io.virtplatform.exporter.http.Protection;
import java.net.InetSocketAddress;

/**
 * Where and how the exporter serves HTTP: the address, its protection (TLS, who may read) and
 * what the drift explainer hides.
 */
public record HttpEndpoint(InetSocketAddress listen, Protection protection,
    DriftRedaction redaction) {

  /** Plain HTTP, open, Secret values hidden: the demo and the tests. */
  public static HttpEndpoint plain(InetSocketAddress listen) {
    return new HttpEndpoint(listen, Protection.NONE, DriftRedaction.SECRETS);
  }
}
