package io.virtplatform.e2e;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes Grafana variables in a PromQL expression the way Grafana would for a dashboard
 * opened on the last five minutes with "All" selected in every variable.
 */
final class GrafanaVariables {

  /**
   * Grafana's built-in interval variables. $__rate_interval is one minute: long enough to hold
   * several samples at any scrape interval up to 15s, and the test scrapes every second.
   */
  static final Map<String, String> BUILT_INS = Map.of(
      "__rate_interval", "1m",
      "__interval", "15s",
      "__interval_ms", "15000",
      "__range", "5m",
      "__range_s", "300",
      "__range_ms", "300000");

  /** "All" in a multi-value variable becomes a regex that matches any value, even none. */
  static final String ALL = ".*";

  /** $name, ${name}, ${name:format} and the deprecated [[name]]. */
  private static final Pattern REFERENCE = Pattern.compile(
      "\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^]]*)?]]|\\$(\\w+)");

  private GrafanaVariables() {}

  /**
   * Replaces the built-ins and the dashboard's own {@code variables}. Anything else that looks
   * like a variable, such as a label_replace "$1", is PromQL and stays.
   */
  static String substitute(String expr, Set<String> variables) {
    Matcher m = REFERENCE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value;
      if (BUILT_INS.containsKey(name)) {
        value = BUILT_INS.get(name);
      } else if (variables.contains(name)) {
        value = ALL;
      } else if (name.startsWith("__")) {
        throw new AssertionError("unknown Grafana built-in variable $" + name + " in: " + expr);
      } else {
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
