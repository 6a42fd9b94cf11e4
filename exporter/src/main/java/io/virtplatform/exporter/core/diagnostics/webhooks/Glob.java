package io.virtplatform.exporter.core.diagnostics.webhooks;

import java.util.List;

/**
 * A name pattern in which {@code *} matches any run of characters, including none, and every
 * other character matches itself.
 *
 * <p>Matched without backtracking: the literal parts between the stars are found left to right,
 * each at its first occurrence after the previous one. That is enough, because with only
 * {@code *} as a wildcard, the earliest place for a part never rules out a match that a later
 * place would allow. The cost is one scan of the name per part, whatever the number of stars; a
 * regular expression {@code .*a.*a.*...} would instead backtrack exponentially on a long name
 * that does not match.
 */
final class Glob {

  private final List<String> parts;

  private Glob(List<String> parts) {
    this.parts = parts;
  }

  static Glob compile(String pattern) {
    return new Glob(List.of(pattern.split("\\*", -1)));
  }

  boolean matches(String name) {
    String first = parts.get(0);
    if (parts.size() == 1) {
      return name.equals(first);
    }
    String last = parts.get(parts.size() - 1);
    if (name.length() < first.length() + last.length()
        || !name.startsWith(first) || !name.endsWith(last)) {
      return false;
    }
    int from = first.length();
    int end = name.length() - last.length();
    for (String part : parts.subList(1, parts.size() - 1)) {
      int at = name.indexOf(part, from);
      if (at < 0 || at + part.length() > end) {
        return false;
      }
      from = at + part.length();
    }
    return true;
  }
}
