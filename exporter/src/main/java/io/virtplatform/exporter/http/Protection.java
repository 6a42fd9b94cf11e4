package io.virtplatform.exporter.http;

import java.util.Map;
import java.util.Optional;

/**
 * What guards the endpoint: TLS (empty for plain HTTP), who may read the routes, and extra
 * response headers. The probes {@code /healthz} and {@code /readyz} are never guarded: kubelet
 * probes carry no credentials.
 */
public record Protection(Optional<TlsListener> tls, AccessCheck access,
    Map<String, String> headers) {

  /** Plain HTTP, open to anyone who can connect: the demo on localhost and the tests. */
  public static final Protection NONE = new Protection(Optional.empty(), AccessCheck.OPEN, Map.of());

  public Protection {
    headers = Map.copyOf(headers);
  }
}
