package io.virtplatform.bundle.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubernetes-mixin conventions every dashboard of the bundle follows. Each check returns
 * readable violations instead of failing at the first, so one run lists everything to fix.
 */
final class DashboardConventions {

  static final String DATASOURCE = "${datasource}";
  static final List<String> TAGS = List.of("virt-platform", "kubevirt");
  private static final Pattern UID = Pattern.compile("[a-zA-Z0-9_-]{1,40}");
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  private DashboardConventions() {}

  static List<String> violations(Dashboard dashboard) {
    List<String> violations = new ArrayList<>();
    header(dashboard, violations);
    variables(dashboard, violations);
    panels(dashboard, violations);
    datasources(dashboard.json(), "", violations);
    queries(dashboard, violations);
    return violations;
  }

  private static void header(Dashboard dashboard, List<String> violations) {
    if (!UID.matcher(dashboard.uid()).matches()) {
      violations.add("uid must be 1-40 letters, digits, '-' or '_' so links survive re-imports,"
          + " got \"" + dashboard.uid() + "\"");
    }
    if (dashboard.json().path("title").asText("").isBlank()) {
      violations.add("title is empty");
    }
    if (!dashboard.tags().containsAll(TAGS)) {
      violations.add("tags must include " + TAGS + ", got " + dashboard.tags());
    }
  }

  private static void variables(Dashboard dashboard, List<String> violations) {
    dashboard.variable("datasource").ifPresentOrElse(v -> {
      if (!"datasource".equals(v.path("type").asText())
          || !"prometheus".equals(v.path("query").asText())) {
        violations.add("variable datasource must be of type datasource with query prometheus");
      }
    }, () -> violations.add("variable datasource is missing"));
    for (String name : List.of("cluster", "namespace")) {
      dashboard.variable(name).ifPresentOrElse(v -> {
        // With All sending .* the selector also matches series without the label, so the
        // dashboard works unchanged on a single cluster and for cluster-scoped objects.
        if (!"query".equals(v.path("type").asText()) || !v.path("includeAll").asBoolean()
            || !".*".equals(v.path("allValue").asText())) {
          violations.add("variable " + name + " must be a query variable with includeAll and"
              + " allValue \".*\"");
        }
      }, () -> violations.add("variable " + name + " is missing"));
    }
  }

  private static void panels(Dashboard dashboard, List<String> violations) {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.panels()) {
      String title = panel.path("title").asText();
      if (!panel.path("id").isInt()) {
        violations.add("panel \"" + title + "\" has no numeric id");
      } else if (!ids.add(panel.path("id").asInt())) {
        violations.add("panel id " + panel.path("id").asInt() + " (\"" + title + "\") is not unique");
      }
      // Grafana does not show a row's description, so rows need none.
      if ("row".equals(panel.path("type").asText())) {
        continue;
      }
      String where = "panel " + panel.path("id").asText() + " \"" + title + "\"";
      if (panel.path("description").asText("").isBlank()) {
        violations.add(where + " has no description");
      }
      if (!DATASOURCE.equals(panel.path("datasource").path("uid").asText())) {
        violations.add(where + " must use datasource " + DATASOURCE);
      }
      if (panel.path("targets").isEmpty()) {
        violations.add(where + " has no query");
      }
    }
  }

  /** Any datasource reference anywhere, including targets, variables and annotations. */
  private static void datasources(JsonNode node, String path, List<String> violations) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String fieldPath = path + "/" + field.getKey();
        JsonNode value = field.getValue();
        if ("datasource".equals(field.getKey())) {
          String uid = value.isObject() ? value.path("uid").asText() : value.asText();
          if (!DATASOURCE.equals(uid) && !"$datasource".equals(uid)) {
            violations.add(fieldPath + " hard-codes datasource \"" + uid + "\"");
          }
        } else {
          datasources(value, fieldPath, violations);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        datasources(node.get(i), path + "/" + i, violations);
      }
    }
  }

  private static void queries(Dashboard dashboard, List<String> violations) {
    for (DashboardQuery query : dashboard.queries()) {
      // Strings are blanked first: a character class in a regex matcher is no range.
      Matcher range = RANGE.matcher(STRING.matcher(query.expr()).replaceAll("\"\""));
      while (range.find()) {
        if (!"$__rate_interval".equals(range.group(1))) {
          violations.add(query.origin() + " uses range [" + range.group(1)
              + "]; use [$__rate_interval] so rates follow the zoom and the scrape interval");
        }
      }
      if (!query.panelQuery()) {
        continue;
      }
      // Panel selectors all filter on the cluster; template queries include the one that
      // lists the clusters.
      for (PromQlSelector selector : query.selectors()) {
        if (!selector.hasRegexMatcher("cluster", "$cluster")) {
          violations.add(query.origin() + " selects " + selector.metricNames()
              + " without cluster=~\"$cluster\"");
        }
      }
    }
  }
}
