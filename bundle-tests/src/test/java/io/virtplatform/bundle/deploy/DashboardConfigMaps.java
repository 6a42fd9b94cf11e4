package io.virtplatform.bundle.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares the Grafana dashboards of the repository ({@code dashboards/*.json}) with the
 * ConfigMaps a deploy variant labels for the Grafana dashboard sidecar: each dashboard in exactly
 * one ConfigMap, byte for byte, and no ConfigMap for a dashboard that is not in the repository.
 */
final class DashboardConfigMaps {

  static final String SIDECAR_LABEL = "grafana_dashboard";
  static final String SIDECAR_LABEL_VALUE = "1";

  private DashboardConfigMaps() {}

  /** Every disagreement, one line each; empty when dashboards and ConfigMaps match. */
  static List<String> mismatches(Path dashboardsDir, List<ConfigMap> configMaps) {
    List<String> problems = new ArrayList<>();
    Map<String, String> shipped = new TreeMap<>();
    for (ConfigMap configMap : configMaps) {
      String name = configMap.getMetadata().getName();
      Map<String, String> labels = configMap.getMetadata().getLabels();
      if (labels == null || !labels.containsKey(SIDECAR_LABEL)) {
        continue;
      }
      if (!SIDECAR_LABEL_VALUE.equals(labels.get(SIDECAR_LABEL))) {
        problems.add("ConfigMap " + name + ": label " + SIDECAR_LABEL + " must be \""
            + SIDECAR_LABEL_VALUE + "\"");
      }
      Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
      if (data.size() != 1 || !data.keySet().iterator().next().endsWith(".json")) {
        problems.add("ConfigMap " + name + " must hold exactly one *.json dashboard, holds "
            + new TreeSet<>(data.keySet()));
      }
      data.forEach((file, json) -> {
        if (shipped.putIfAbsent(file, json) != null) {
          problems.add("dashboard " + file + " is shipped by more than one ConfigMap");
        }
      });
    }
    Map<String, String> sources = dashboards(dashboardsDir);
    sources.forEach((file, json) -> {
      String copy = shipped.get(file);
      if (copy == null) {
        problems.add("dashboards/" + file + " has no ConfigMap (run deploy/generate.sh)");
      } else if (!copy.equals(json)) {
        problems.add("the ConfigMap of dashboards/" + file + " holds another version"
            + " (run deploy/generate.sh)");
      }
    });
    shipped.keySet().stream()
        .filter(file -> !sources.containsKey(file))
        .forEach(file -> problems.add("a ConfigMap ships " + file
            + ", which is not in dashboards/ (run deploy/generate.sh)"));
    return problems;
  }

  /** File name to content of every {@code *.json} file; none when the folder does not exist. */
  private static Map<String, String> dashboards(Path directory) {
    Map<String, String> dashboards = new TreeMap<>();
    if (!Files.isDirectory(directory)) {
      return dashboards;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        dashboards.put(file.getFileName().toString(), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboards in " + directory, e);
    }
    return dashboards;
  }
}
