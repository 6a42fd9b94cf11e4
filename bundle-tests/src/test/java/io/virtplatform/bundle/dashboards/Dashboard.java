package io.virtplatform.bundle.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A Grafana dashboard JSON document and the parts of it the bundle tests inspect. */
record Dashboard(String fileName, JsonNode json) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Dashboard> loadAll(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
          .map(Dashboard::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Dashboard load(Path file) {
    try {
      return new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  static Dashboard parse(String fileName, String json) {
    try {
      return new Dashboard(fileName, JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A deep copy, for tests that break a real dashboard on purpose. */
  Dashboard copy() {
    return new Dashboard(fileName, json.deepCopy());
  }

  String uid() {
    return json.path("uid").asText("");
  }

  List<String> tags() {
    return elements(json.path("tags")).map(JsonNode::asText).toList();
  }

  /** Top-level panels followed by the panels nested in collapsed rows. */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    elements(json.path("panels")).forEach(panel -> {
      panels.add(panel);
      elements(panel.path("panels")).forEach(panels::add);
    });
    return panels;
  }

  /** The panel with {@code id}, wherever it is nested. */
  ObjectNode panel(int id) {
    return (ObjectNode) panels().stream().filter(p -> p.path("id").asInt() == id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(fileName + " has no panel " + id));
  }

  List<JsonNode> variables() {
    return elements(json.path("templating").path("list")).toList();
  }

  Optional<JsonNode> variable(String name) {
    return variables().stream().filter(v -> name.equals(v.path("name").asText())).findFirst();
  }

  Set<String> variableNames() {
    return variables().stream().map(v -> v.path("name").asText()).collect(Collectors.toSet());
  }

  /** Every panel target's expression, then every query variable's expression (when it has one). */
  List<DashboardQuery> queries() {
    List<DashboardQuery> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      String id = panel.path("id").asText();
      for (JsonNode target : elements(panel.path("targets")).toList()) {
        String refId = target.path("refId").asText();
        queries.add(new DashboardQuery(
            "panel " + id + " \"" + panel.path("title").asText() + "\" target " + refId,
            recordName("panel_" + id + "_" + refId), target.path("expr").asText(""), true));
      }
    }
    for (JsonNode variable : variables()) {
      if (!"query".equals(variable.path("type").asText())) {
        continue;
      }
      String name = variable.path("name").asText();
      VariableQuery.promQl(variableQueryText(variable)).ifPresent(expr -> queries.add(
          new DashboardQuery("variable " + name, recordName("variable_" + name), expr, false)));
    }
    return queries;
  }

  /** Grafana 10 stores the query as an object; older exports as a plain string. */
  static String variableQueryText(JsonNode variable) {
    JsonNode query = variable.path("query");
    return query.isObject() ? query.path("query").asText("") : query.asText("");
  }

  private static String recordName(String suffix) {
    return "dashboard:" + suffix.replaceAll("[^A-Za-z0-9_]", "_");
  }

  static Stream<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  @Override
  public String toString() {
    return fileName;
  }
}
