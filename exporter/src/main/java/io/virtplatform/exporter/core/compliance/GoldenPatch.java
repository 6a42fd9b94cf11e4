package io.virtplatform.exporter.core.compliance;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the {@code platform.kubevirt.io/patch} annotation (RFC 6902) to a golden document. Strict
 * like RFC 6902 itself: removing a field that does not exist is an error, as it is for the
 * autopilot that applies the same patch.
 */
final class GoldenPatch {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final EnumSet<CompatibilityFlags> STRICT =
      EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);
  private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};

  private GoldenPatch() {}

  /** A patched copy of {@code golden}; {@code golden} itself is left untouched. */
  static Map<String, Object> apply(Map<String, Object> golden, String patchJson)
      throws InvalidCustomizationException {
    JsonNode operations = parse(patchJson);
    JsonNode document = JSON.valueToTree(golden);
    // One operation at a time, so that the error names the operation that failed.
    for (int i = 0; i < operations.size(); i++) {
      JsonNode operation = operations.get(i);
      try {
        document = JsonPatch.apply(JSON.createArrayNode().add(operation), document, STRICT);
      } catch (RuntimeException e) {
        throw new InvalidCustomizationException(CustomizationAnnotations.PATCH + ": operation " + i
            + describe(operation) + " failed: " + e.getMessage());
      }
    }
    if (!document.isObject()) {
      throw new InvalidCustomizationException(CustomizationAnnotations.PATCH
          + " turns the golden document into " + typeOf(document) + "; it must stay a JSON object");
    }
    return JSON.convertValue(document, DOCUMENT);
  }

  private static JsonNode parse(String patchJson) throws InvalidCustomizationException {
    JsonNode operations;
    try {
      operations = JSON.readTree(patchJson);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidCustomizationException(CustomizationAnnotations.PATCH
          + " is not valid JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (!operations.isArray()) {
      throw new InvalidCustomizationException(CustomizationAnnotations.PATCH
          + " must be a JSON array of RFC 6902 operations, found " + typeOf(operations));
    }
    return operations;
  }

  private static String describe(JsonNode operation) {
    return operation.isObject()
        ? " (" + operation.path("op").asText("?") + " " + operation.path("path").asText("?") + ")"
        : "";
  }

  private static String typeOf(JsonNode node) {
    return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
