package io.virtplatform.exporter.demo;

import io.virtplatform.exporter.testing.ServedApisDispatcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The mock API server's CRUD behaviour, except that an update may set
 * {@code metadata.creationTimestamp}, which a real API server (and the stock mock) keeps as it
 * was. The demo back-dates objects this way, so that time-based checks, such as a DataVolume
 * that has not succeeded within an hour, show their condition as soon as the demo starts.
 */
final class BackdatingCrudDispatcher extends ServedApisDispatcher {

  @Override
  public void preserveMetadata(JsonNode current, JsonNode updated) {
    JsonNode requested = updated.path("metadata").path("creationTimestamp");
    super.preserveMetadata(current, updated);
    if (requested.isTextual()) {
      ((ObjectNode) updated.get("metadata")).put("creationTimestamp", requested.asText());
    }
  }
}
