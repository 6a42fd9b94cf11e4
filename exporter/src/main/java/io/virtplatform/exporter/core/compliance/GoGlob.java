package io.virtplatform.exporter.core.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Go's {@code path/filepath.Match} patterns, so that a pattern selects here exactly what it
 * selects in the Go controllers that define it: {@code *} is any run of characters but {@code /},
 * {@code ?} one such character, {@code [...]} a class with ranges, negated by a leading {@code ^},
 * and {@code \} escapes the next character.
 *
 * <p>Matched in time proportional to the name's length times the pattern's, never by backtracking:
 * the pattern is cut at its stars into runs of single-character matchers, and each run is placed
 * at its leftmost fit, which leaves the most room to the runs after it. The patterns come from an
 * annotation that anyone allowed to edit the HyperConverged CR can write.
 */
final class GoGlob {

  /**
   * One character of a run: in one of the {@code lows[i]..highs[i]} ranges (not in any, when
   * negated). Only a literal '/' matches '/': {@code ?} and classes never do.
   */
  private record CharMatcher(char[] lows, char[] highs, boolean negated, boolean slash) {

    static CharMatcher literal(char c) {
      return new CharMatcher(new char[] {c}, new char[] {c}, false, c == '/');
    }

    static final CharMatcher ANY = new CharMatcher(new char[0], new char[0], true, false);

    boolean matches(char c) {
      if (c == '/') {
        return slash;
      }
      boolean inRange = false;
      for (int i = 0; i < lows.length && !inRange; i++) {
        inRange = lows[i] <= c && c <= highs[i];
      }
      return inRange != negated;
    }
  }

  /** The runs between the stars; a pattern without star has one. */
  private final List<List<CharMatcher>> runs;

  private GoGlob(List<List<CharMatcher>> runs) {
    this.runs = runs;
  }

  /** The pattern, or empty when it is malformed (an unclosed class, a trailing escape). */
  static Optional<GoGlob> compile(String glob) {
    List<List<CharMatcher>> runs = new ArrayList<>();
    List<CharMatcher> run = new ArrayList<>();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          runs.add(run);
          run = new ArrayList<>();
        }
        case '?' -> run.add(CharMatcher.ANY);
        case '\\' -> {
          if (++i == glob.length()) return Optional.empty();
          run.add(CharMatcher.literal(glob.charAt(i)));
        }
        case '[' -> {
          int end = classEnd(glob, i + 1);
          if (end < 0) return Optional.empty();
          Optional<CharMatcher> characterClass = characterClass(glob.substring(i + 1, end));
          if (characterClass.isEmpty()) return Optional.empty();
          run.add(characterClass.get());
          i = end;
        }
        default -> run.add(CharMatcher.literal(c));
      }
      i++;
    }
    runs.add(run);
    return Optional.of(new GoGlob(runs));
  }

  boolean matches(String name) {
    List<CharMatcher> first = runs.get(0);
    if (runs.size() == 1) {
      return name.length() == first.size() && fits(first, name, 0);
    }
    List<CharMatcher> last = runs.get(runs.size() - 1);
    int end = name.length() - last.size();
    if (end < first.size() || !fits(first, name, 0) || !fits(last, name, end)) {
      return false;
    }
    int from = first.size();
    for (List<CharMatcher> run : runs.subList(1, runs.size() - 1)) {
      int at = leftmostFit(run, name, from, end);
      if (at < 0 || name.substring(from, at).indexOf('/') >= 0) {
        return false;
      }
      from = at + run.size();
    }
    return name.substring(from, end).indexOf('/') < 0;
  }

  private static int leftmostFit(List<CharMatcher> run, String name, int from, int end) {
    for (int at = from; at + run.size() <= end; at++) {
      if (fits(run, name, at)) return at;
    }
    return -1;
  }

  private static boolean fits(List<CharMatcher> run, String name, int at) {
    for (int i = 0; i < run.size(); i++) {
      if (!run.get(i).matches(name.charAt(at + i))) return false;
    }
    return true;
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
   * {@code [...]} body to a class that also excludes {@code /}, as Go's does. Like Go, an empty
   * class and an unescaped {@code -} that is no range are malformed.
   */
  private static Optional<CharMatcher> characterClass(String body) {
    boolean negated = body.startsWith("^");
    String rest = negated ? body.substring(1) : body;
    if (rest.isEmpty()) return Optional.empty();
    StringBuilder lows = new StringBuilder();
    StringBuilder highs = new StringBuilder();
    int[] at = {0};
    while (at[0] < rest.length()) {
      Optional<Character> low = member(rest, at);
      if (low.isEmpty()) return Optional.empty();
      char high = low.get();
      if (at[0] < rest.length() && rest.charAt(at[0]) == '-') {
        at[0]++;
        Optional<Character> upper = member(rest, at);
        if (upper.isEmpty() || upper.get() < low.get()) return Optional.empty();
        high = upper.get();
      }
      lows.append(low.get());
      highs.append(high);
    }
    return Optional.of(new CharMatcher(lows.toString().toCharArray(),
        highs.toString().toCharArray(), negated, false));
  }

  private static Optional<Character> member(String body, int[] at) {
    if (at[0] >= body.length() || body.charAt(at[0]) == '-') return Optional.empty();
    if (body.charAt(at[0]) == '\\') {
      at[0]++;
      if (at[0] >= body.length()) return Optional.empty();
    }
    return Optional.of(body.charAt(at[0]++));
  }
}
