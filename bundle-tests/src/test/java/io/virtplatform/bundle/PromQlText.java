package io.virtplatform.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few facts the checks need from a PromQL expression, read from its text: which exporter
 * metrics it names and which labels its grouping clauses keep or drop.
 */
final class PromQlText {

  private static final Pattern PLATFORM_METRIC = Pattern.compile("\\bvirt_platform_[a-zA-Z0-9_]+");

  private PromQlText() {}

  static Set<String> platformMetrics(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLATFORM_METRIC.matcher(expr);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  /**
   * The label lists of every {@code keyword (...)} clause, e.g. {@code by}, {@code on},
   * {@code without}, in order of appearance.
   */
  static List<List<String>> clauses(String expr, String keyword) {
    Pattern clause = Pattern.compile("\\b" + keyword + "\\s*\\(([^)]*)\\)");
    List<List<String>> result = new ArrayList<>();
    Matcher m = clause.matcher(expr);
    while (m.find()) {
      result.add(Arrays.stream(m.group(1).split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .toList());
    }
    return result;
  }
}
