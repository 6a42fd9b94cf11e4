package io.virtplatform.bundle.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the vector selectors of a PromQL expression without a full parser: strings, range
 * brackets and label lists of {@code by}/{@code on}/... are skipped, an identifier followed by
 * {@code (} is a function, keywords and aggregation operators are not metrics. Syntax errors are
 * promtool's job; this only has to be right for expressions promtool accepts.
 */
final class PromQlSelectors {

  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS = Set.of(
      "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
      "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
      "bottomk", "topk", "quantile", "limitk", "limit_ratio");

  private final String expr;
  private int pos;

  private PromQlSelectors(String expr) {
    this.expr = expr;
  }

  static List<PromQlSelector> of(String expr) {
    return new PromQlSelectors(expr).scan();
  }

  private List<PromQlSelector> scan() {
    List<PromQlSelector> selectors = new ArrayList<>();
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        pos = endOfString(pos);
      } else if (c == '[') {
        pos = closing(pos, '[', ']');
      } else if (c == '#') {
        int newline = expr.indexOf('\n', pos);
        pos = newline < 0 ? expr.length() : newline;
      } else if (c == '{') {
        int end = closing(pos, '{', '}');
        selectors.add(new PromQlSelector(null, expr.substring(pos + 1, end - 1)));
        pos = end;
      } else if (Character.isDigit(c) || c == '.') {
        pos = endOfWord(pos);
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        identifier().ifPresent(selectors::add);
      } else {
        pos++;
      }
    }
    return selectors;
  }

  private Optional<PromQlSelector> identifier() {
    int start = pos;
    pos = endOfWord(pos);
    String word = expr.substring(start, pos);
    int next = skipSpaces(pos);
    boolean parenthesis = next < expr.length() && expr.charAt(next) == '(';
    if (LABEL_LIST_KEYWORDS.contains(word)) {
      if (parenthesis) {
        pos = closing(next, '(', ')');
      }
      return Optional.empty();
    }
    if (KEYWORDS.contains(word) || parenthesis) {
      return Optional.empty();
    }
    if (next < expr.length() && expr.charAt(next) == '{') {
      int end = closing(next, '{', '}');
      pos = end;
      return Optional.of(new PromQlSelector(word, expr.substring(next + 1, end - 1)));
    }
    return Optional.of(new PromQlSelector(word, ""));
  }

  private int endOfWord(int from) {
    int i = from;
    while (i < expr.length()
        && (Character.isLetterOrDigit(expr.charAt(i)) || "_:.".indexOf(expr.charAt(i)) >= 0)) {
      i++;
    }
    return i;
  }

  private int skipSpaces(int from) {
    int i = from;
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Index after the closing bracket matching the one at {@code open}, skipping strings. */
  private int closing(int open, char opening, char closingChar) {
    int depth = 0;
    int i = open;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = endOfString(i);
        continue;
      }
      if (c == opening) {
        depth++;
      } else if (c == closingChar && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unbalanced " + opening + " in: " + expr);
  }

  /** Index after the string literal starting at {@code open}. */
  private int endOfString(int open) {
    char quote = expr.charAt(open);
    int i = open + 1;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
        continue;
      }
      if (c == quote) {
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated string in: " + expr);
  }
}
