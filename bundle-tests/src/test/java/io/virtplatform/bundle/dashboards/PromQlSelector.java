package io.virtplatform.bundle.dashboards;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vector selector of a PromQL expression.
 *
 * @param metric the metric name written before the braces, or null for {@code {__name__=...}}
 * @param matchers the text between the braces, empty without braces
 */
record PromQlSelector(String metric, String matchers) {

  private static final Pattern NAME_MATCHER =
      Pattern.compile("__name__\\s*(=~|=)\\s*\"([^\"]*)\"");
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /**
   * The metric names the selector can match: its name, or the alternatives of its
   * {@code __name__} matcher.
   *
   * @throws IllegalArgumentException for a {@code __name__} regex that is not a list of names,
   *     because the metrics it matches cannot be checked
   */
  Set<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    if (metric != null) {
      names.add(metric);
    }
    Matcher m = NAME_MATCHER.matcher(matchers);
    while (m.find()) {
      for (String name : m.group(1).equals("=") ? new String[] {m.group(2)}
          : m.group(2).split("\\|")) {
        if (!PLAIN_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("__name__ matcher is not a list of metric names: "
              + m.group());
        }
        names.add(name);
      }
    }
    return names;
  }

  /** Whether the braces hold {@code label=~"value"}, spaces around the operator ignored. */
  boolean hasRegexMatcher(String label, String value) {
    return Pattern.compile("(^|[\\s,])" + Pattern.quote(label) + "\\s*=~\\s*\"" + Pattern.quote(value)
        + "\"").matcher(matchers).find();
  }
}
