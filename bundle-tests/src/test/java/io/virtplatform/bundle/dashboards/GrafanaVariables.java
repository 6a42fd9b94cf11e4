package io.virtplatform.bundle.dashboards;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana variables in a query with values Prometheus accepts, turning the stored query
 * into plain PromQL. Interval variables become fixed durations. Dashboard variables must be the
 * whole value of a regex matcher ({@code label=~"$var"}): there they become {@code .*}, which is
 * also what the All option sends, so the check covers the query a user sees by default.
 */
final class GrafanaVariables {

  private static final Map<String, String> BUILT_IN = Map.of(
      "__rate_interval", "5m",
      "__interval", "1m",
      "__range", "1h",
      "__interval_ms", "60000",
      "__range_s", "3600",
      "__range_ms", "3600000");

  /** $name, ${name}, ${name:format} and the deprecated [[name]]. */
  private static final String REFERENCE =
      "\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)(?::[^\\]]*)?]]";
  private static final Pattern IN_REGEX_MATCHER = Pattern.compile("=~\\s*\"(?:" + REFERENCE + ")\"");
  private static final Pattern ANYWHERE = Pattern.compile(REFERENCE);

  private GrafanaVariables() {}

  /**
   * @param dashboardVariables names of the dashboard's template variables
   * @throws IllegalArgumentException for an unknown variable, or a dashboard variable used
   *     anywhere but as a regex matcher value (it would break the All and multi-value options)
   */
  static String toPromQl(String query, Set<String> dashboardVariables) {
    String matchers = replace(IN_REGEX_MATCHER, query, name -> {
      if (!dashboardVariables.contains(name)) {
        throw new IllegalArgumentException("unknown variable $" + name + " in: " + query);
      }
      return "=~\".*\"";
    });
    return replace(ANYWHERE, matchers, name -> {
      if (BUILT_IN.containsKey(name)) {
        return BUILT_IN.get(name);
      }
      if (dashboardVariables.contains(name)) {
        throw new IllegalArgumentException(
            "$" + name + " must be the whole value of a =~ matcher, e.g. label=~\"$" + name
                + "\", in: " + query);
      }
      throw new IllegalArgumentException("unknown variable $" + name + " in: " + query);
    });
  }

  private static String replace(Pattern pattern, String text, Function<String, String> replacement) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(name)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
