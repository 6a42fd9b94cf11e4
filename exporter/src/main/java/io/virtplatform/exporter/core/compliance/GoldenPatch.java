package io.virtplatform.exporter.core.compliance;

import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_ANNOTATION_CHARS;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_PATCHED_DOCUMENT_CHARS;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_PATCHED_DOCUMENT_DEPTH;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_PATCH_OPERATIONS;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the {@code platform.kubevirt.io/patch} annotation (RFC 6902) to a golden document. Strict
 * like RFC 6902 itself: removing a field that does not exist is an error, as it is for the
 * autopilot that applies the same patch.
 *
 * <p>Bounded by {@link CustomizationLimits}: the text, the number of operations, and the size and
 * depth of the document. Each operation that places a value ({@code add}, {@code replace},
 * {@code copy}, {@code move}) is measured before it runs, so a {@code copy} that would grow the
 * document past the limit fails without building the larger document.
 */
final class GoldenPatch {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final EnumSet<CompatibilityFlags> STRICT =
      EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);
  private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};
  private static final int DESCRIBED_PATH_CHARS = 200;

  private GoldenPatch() {}

  /** A patched copy of {@code golden}; {@code golden} itself is left untouched. */
  static Map<String, Object> apply(Map<String, Object> golden, String patchJson)
      throws InvalidCustomizationException {
    JsonNode operations = parse(patchJson);
    JsonNode document = JSON.valueToTree(golden);
    long size = JsonExtent.of(document, Long.MAX_VALUE, Integer.MAX_VALUE).chars();
    // One operation at a time, so that the error names the operation that failed.
    for (int i = 0; i < operations.size(); i++) {
      JsonNode operation = operations.get(i);
      checkGrowth(i, operation, document, size);
      try {
        document = JsonPatch.apply(JSON.createArrayNode().add(operation), document, STRICT);
      } catch (RuntimeException e) {
        throw invalid("operation " + i + describe(operation) + " failed: " + e.getMessage());
      }
      JsonExtent extent =
          JsonExtent.of(document, MAX_PATCHED_DOCUMENT_CHARS, MAX_PATCHED_DOCUMENT_DEPTH);
      if (!extent.within(MAX_PATCHED_DOCUMENT_CHARS, MAX_PATCHED_DOCUMENT_DEPTH)) {
        throw tooLarge(i, operation);
      }
      size = extent.chars();
    }
    if (!document.isObject()) {
      throw new InvalidCustomizationException(CustomizationAnnotations.PATCH
          + " turns the golden document into " + typeOf(document) + "; it must stay a JSON object");
    }
    return JSON.convertValue(document, DOCUMENT);
  }

  /**
   * Rejects an operation whose value would take the document past the size or depth limit, before
   * the operation builds it. The value of {@code add} and {@code replace} comes from the
   * annotation; that of {@code copy} and {@code move} is the subtree at {@code from}, which for
   * {@code copy} may be the whole document. ({@code remove} and {@code test} place nothing.)
   */
  private static void checkGrowth(int index, JsonNode operation, JsonNode document, long size)
      throws InvalidCustomizationException {
    String op = operation.path("op").asText("");
    JsonNode value = switch (op) {
      case "add", "replace" -> operation.path("value");
      case "copy", "move" -> operation.path("from").isTextual()
          ? at(document, operation.get("from").textValue())
          : MissingNode.getInstance();
      default -> MissingNode.getInstance();
    };
    if (value.isMissingNode()) {
      return; // nothing placed, or an invalid operation that zjsonpatch reports in its own words
    }
    int pathDepth = tokens(operation.path("path").asText(""));
    // A move only relocates; its subtree counts for depth, not size.
    long room = op.equals("move") ? MAX_PATCHED_DOCUMENT_CHARS : MAX_PATCHED_DOCUMENT_CHARS - size;
    JsonExtent extent = JsonExtent.of(value, room, MAX_PATCHED_DOCUMENT_DEPTH - pathDepth);
    if (!extent.within(room, MAX_PATCHED_DOCUMENT_DEPTH - pathDepth)) {
      throw tooLarge(index, operation);
    }
  }

  private static JsonNode at(JsonNode document, String pointer) {
    try {
      return document.at(JsonPointer.compile(pointer));
    } catch (IllegalArgumentException invalidPointer) {
      return MissingNode.getInstance();
    }
  }

  /** The number of reference tokens of a JSON Pointer: the depth of the value it addresses. */
  private static int tokens(String pointer) {
    return (int) pointer.chars().filter(c -> c == '/').count();
  }

  private static JsonNode parse(String patchJson) throws InvalidCustomizationException {
    if (patchJson.length() > MAX_ANNOTATION_CHARS) {
      throw invalid(patchJson.length() + " characters, more than the limit of "
          + MAX_ANNOTATION_CHARS);
    }
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
    if (operations.size() > MAX_PATCH_OPERATIONS) {
      throw invalid(operations.size() + " operations, more than the limit of "
          + MAX_PATCH_OPERATIONS);
    }
    return operations;
  }

  private static InvalidCustomizationException tooLarge(int index, JsonNode operation) {
    return invalid("operation " + index + describe(operation)
        + " would make the golden document larger than " + MAX_PATCHED_DOCUMENT_CHARS
        + " characters of JSON or deeper than " + MAX_PATCHED_DOCUMENT_DEPTH + " levels");
  }

  private static InvalidCustomizationException invalid(String problem) {
    return new InvalidCustomizationException(CustomizationAnnotations.PATCH + ": " + problem);
  }

  /** The operation's verb and path, the path shortened: it is untrusted text bound for logs. */
  private static String describe(JsonNode operation) {
    if (!operation.isObject()) {
      return "";
    }
    String path = operation.path("path").asText("?");
    if (path.length() > DESCRIBED_PATH_CHARS) {
      path = path.substring(0, DESCRIBED_PATH_CHARS) + "...";
    }
    return " (" + operation.path("op").asText("?") + " " + path + ")";
  }

  private static String typeOf(JsonNode node) {
    return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
