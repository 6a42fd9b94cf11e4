package io.virtplatform.exporter.core.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * How large and how deep a JSON tree is, measured without recursion and abandoned as soon as a
 * budget is exceeded, so that measuring a huge or very deep tree costs no more than the budget.
 *
 * @param chars characters of the tree's compact JSON text (strings counted without escapes), or a
 *     number above the size budget when the walk stopped early
 * @param depth nesting depth: 0 for a scalar, 1 for a container of scalars; above the depth budget
 *     when the walk stopped early
 */
record JsonExtent(long chars, int depth) {

  boolean within(long maxChars, int maxDepth) {
    return chars <= maxChars && depth <= maxDepth;
  }

  static JsonExtent of(JsonNode root, long maxChars, int maxDepth) {
    long chars = 0;
    int deepest = 0;
    Deque<Frame> pending = new ArrayDeque<>();
    pending.push(new Frame(null, root, 1));
    while (!pending.isEmpty()) {
      Frame frame = pending.pop();
      JsonNode node = frame.node();
      if (frame.key() != null) {
        chars += frame.key().length() + 3; // "key":
      }
      if (node.isContainerNode()) {
        deepest = Math.max(deepest, frame.depth());
        chars += 2 + Math.max(0, node.size() - 1); // brackets and commas
        if (node.isObject()) {
          for (Map.Entry<String, JsonNode> field : node.properties()) {
            pending.push(new Frame(field.getKey(), field.getValue(), frame.depth() + 1));
          }
        } else {
          for (JsonNode item : node) {
            pending.push(new Frame(null, item, frame.depth() + 1));
          }
        }
      } else {
        chars += node.isTextual() ? node.textValue().length() + 2 : node.asText().length();
      }
      if (chars > maxChars || deepest > maxDepth) {
        break;
      }
    }
    return new JsonExtent(chars, deepest);
  }

  private record Frame(String key, JsonNode node, int depth) {}
}
