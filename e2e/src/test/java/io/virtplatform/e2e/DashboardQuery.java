package io.virtplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One PromQL query of one panel of a Grafana dashboard, with the dashboard's variables declared,
 * so it can be turned into a query Prometheus runs as Grafana would.
 */
record DashboardQuery(String file, String uid, String panelTitle, String refId, String expr,
    Set<String> variables) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every panel query of every {@code *.json} in {@code dir}; none when the folder is absent. */
  static List<DashboardQuery> readAll(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<DashboardQuery> queries = new ArrayList<>();
      files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
          .forEach(f -> queries.addAll(read(f)));
      return queries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static List<DashboardQuery> read(Path file) {
    JsonNode dashboard;
    try {
      dashboard = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
    }
    Set<String> variables = new TreeSet<>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    List<DashboardQuery> queries = new ArrayList<>();
    collect(file.getFileName().toString(), dashboard.path("uid").asText(),
        dashboard.path("panels"), Set.copyOf(variables), queries);
    return queries;
  }

  /** Walks panels depth first; collapsed rows keep their panels inside the row. */
  private static void collect(String file, String uid, JsonNode panels, Set<String> variables,
      List<DashboardQuery> out) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr") && !target.path("expr").asText().isBlank()) {
          out.add(new DashboardQuery(file, uid, panel.path("title").asText(),
              target.path("refId").asText(), target.path("expr").asText(), variables));
        }
      }
      collect(file, uid, panel.path("panels"), variables, out);
    }
  }

  /** The query as Prometheus gets it from Grafana, every variable set to match everything. */
  String promql() {
    return GrafanaVariables.substitute(expr, variables);
  }

  @Override
  public String toString() {
    return uid + " / " + panelTitle + " / " + refId + ": " + promql();
  }
}
