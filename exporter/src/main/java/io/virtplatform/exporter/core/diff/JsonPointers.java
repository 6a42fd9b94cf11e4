package io.virtplatform.exporter.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** RFC 6901 JSON Pointer helpers, on pointers kept in their textual form. */
public final class JsonPointers {

  private JsonPointers() {}

  /** Escapes one reference token: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer to member {@code token} (a key or a list index) of the value at {@code parent}. */
  public static String child(String parent, String token) {
    return parent + "/" + escape(token);
  }

  /**
   * True when {@code pointer} is {@code prefix} itself or lies in the subtree under it. Token
   * boundaries are respected: {@code /spec/rep} does not cover {@code /spec/replicas}. The empty
   * pointer (the whole document) covers everything.
   */
  public static boolean covers(String prefix, String pointer) {
    return pointer.equals(prefix)
        || (pointer.startsWith(prefix) && pointer.charAt(prefix.length()) == '/');
  }

  /**
   * Why {@code pointer} is not a usable pointer to a field, or empty when it is: it must start with
   * {@code /} and every {@code ~} must be followed by {@code 0} or {@code 1}.
   */
  public static Optional<String> problem(String pointer) {
    if (!pointer.startsWith("/")) {
      return Optional.of("\"" + pointer + "\" is not a JSON Pointer: it must start with \"/\"");
    }
    for (int i = pointer.indexOf('~'); i >= 0; i = pointer.indexOf('~', i + 1)) {
      boolean validEscape = i + 1 < pointer.length()
          && (pointer.charAt(i + 1) == '0' || pointer.charAt(i + 1) == '1');
      if (!validEscape) {
        return Optional.of("\"" + pointer + "\" is not a JSON Pointer: \"~\" must be followed by"
            + " 0 (for ~) or 1 (for /)");
      }
    }
    return Optional.empty();
  }

  /**
   * The unescaped reference tokens of a valid pointer ({@link #problem} empty): {@code
   * /metadata/annotations/a~1b} gives {@code [metadata, annotations, a/b]}; the empty pointer gives
   * no tokens.
   */
  public static List<String> tokens(String pointer) {
    List<String> tokens = new ArrayList<>();
    if (pointer.isEmpty()) {
      return tokens;
    }
    for (String token : pointer.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }
}
