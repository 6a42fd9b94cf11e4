package io.virtplatform.bundle.dashboards;

import java.util.List;

/**
 * One PromQL expression of a dashboard, as Grafana stores it (variables not substituted).
 *
 * @param origin where it comes from, for failure messages
 * @param recordName a valid Prometheus metric name unique within the dashboard, used to wrap the
 *     expression as a recording rule
 * @param panelQuery false for template-variable queries, which select the values of a variable
 *     rather than data and so follow different conventions
 */
record DashboardQuery(String origin, String recordName, String expr, boolean panelQuery) {

  /** The vector selectors of the expression; a scan failure names the query. */
  List<PromQlSelector> selectors() {
    try {
      return PromQlSelectors.of(expr);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    }
  }
}
