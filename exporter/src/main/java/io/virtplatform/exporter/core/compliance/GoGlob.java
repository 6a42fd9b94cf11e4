package io.virtplatform.exporter.core.compliance;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Go's {@code path/filepath.Match} patterns as regular expressions, so that a pattern selects here
 * exactly what it selects in the Go controllers that define it: {@code *} is any run of
 * characters but {@code /}, {@code ?} one such character, {@code [...]} a class with ranges,
 * negated by a leading {@code ^}, and {@code \} escapes the next character.
 */
final class GoGlob {

  private GoGlob() {}

  /** The pattern, or empty when it is malformed (an unclosed class, a trailing escape). */
  static Optional<Pattern> compile(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        case '\\' -> {
          if (++i == glob.length()) return Optional.empty();
          regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        }
        case '[' -> {
          int end = classEnd(glob, i + 1);
          if (end < 0) return Optional.empty();
          Optional<String> characterClass = characterClass(glob.substring(i + 1, end));
          if (characterClass.isEmpty()) return Optional.empty();
          regex.append(characterClass.get());
          i = end;
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return Optional.of(Pattern.compile(regex.toString()));
  }

  /** Index of the first unescaped {@code ]} from {@code from}, or -1. */
  private static int classEnd(String glob, int from) {
    for (int i = from; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == ']') return i;
      if (c == '\\') i++;
    }
    return -1;
  }

  /**
   * {@code [...]} body to a Java class that also excludes {@code /}, as Go's does. Like Go, an
   * empty class and an unescaped {@code -} that is no range are malformed.
   */
  private static Optional<String> characterClass(String body) {
    boolean negated = body.startsWith("^");
    String rest = negated ? body.substring(1) : body;
    if (rest.isEmpty()) return Optional.empty();
    StringBuilder members = new StringBuilder();
    int[] at = {0};
    while (at[0] < rest.length()) {
      Optional<Character> low = member(rest, at);
      if (low.isEmpty()) return Optional.empty();
      if (at[0] < rest.length() && rest.charAt(at[0]) == '-') {
        at[0]++;
        Optional<Character> high = member(rest, at);
        if (high.isEmpty() || high.get() < low.get()) return Optional.empty();
        members.append(escape(low.get())).append('-').append(escape(high.get()));
      } else {
        members.append(escape(low.get()));
      }
    }
    return Optional.of(negated ? "[^/" + members + "]" : "(?:(?!/)[" + members + "])");
  }

  /** The class member at {@code at[0]}, moving past it; empty for a bare {@code -} or the end. */
  private static Optional<Character> member(String body, int[] at) {
    if (at[0] >= body.length() || body.charAt(at[0]) == '-') return Optional.empty();
    if (body.charAt(at[0]) == '\\') {
      at[0]++;
      if (at[0] >= body.length()) return Optional.empty();
    }
    return Optional.of(body.charAt(at[0]++));
  }

  private static String escape(char c) {
    return String.format("\\x{%x}", (int) c);
  }
}
