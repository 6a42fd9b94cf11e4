package io.virtplatform.bundle.dashboards;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Grafana Prometheus template-variable query into the PromQL it runs, so that it can be
 * checked like panel queries. These queries are Grafana syntax around PromQL, not PromQL.
 */
final class VariableQuery {

  private static final Pattern LABEL_VALUES_OF_SERIES =
      Pattern.compile("label_values\\((.+),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)", Pattern.DOTALL);
  private static final Pattern LABEL_VALUES_OF_LABEL =
      Pattern.compile("label_values\\(\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");
  private static final Pattern QUERY_RESULT =
      Pattern.compile("query_result\\((.+)\\)", Pattern.DOTALL);
  private static final Pattern WITHOUT_PROMQL =
      Pattern.compile("(label_names|metrics)\\(.*\\)", Pattern.DOTALL);

  private VariableQuery() {}

  /**
   * The series selector of {@code label_values(selector, label)} or the expression of
   * {@code query_result(expr)}. Empty for {@code label_values(label)}, {@code label_names()} and
   * {@code metrics(regex)}: they name a label or a metric-name regex, no PromQL to check.
   *
   * @throws IllegalArgumentException for anything else, which Grafana would not run either
   */
  static Optional<String> promQl(String query) {
    String trimmed = query.strip();
    Matcher series = LABEL_VALUES_OF_SERIES.matcher(trimmed);
    if (series.matches()) {
      return Optional.of(series.group(1).strip());
    }
    Matcher result = QUERY_RESULT.matcher(trimmed);
    if (result.matches()) {
      return Optional.of(result.group(1).strip());
    }
    if (LABEL_VALUES_OF_LABEL.matcher(trimmed).matches()
        || WITHOUT_PROMQL.matcher(trimmed).matches()) {
      return Optional.empty();
    }
    throw new IllegalArgumentException("not a Grafana Prometheus variable query: " + query);
  }
}
