package io.virtplatform.bundle.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Wraps a dashboard's queries as recording rules of one group, the form in which promtool
 * checks PromQL syntax offline.
 */
final class RecordingRuleFile {

  private RecordingRuleFile() {}

  /** Writes the rule file into {@code dir}, after substituting the Grafana variables. */
  static Path write(Dashboard dashboard, List<DashboardQuery> queries, Path dir) {
    List<Map<String, String>> rules = queries.stream().map(q -> {
      Map<String, String> rule = new LinkedHashMap<>();
      rule.put("record", q.recordName());
      rule.put("expr", GrafanaVariables.toPromQl(q.expr(), dashboard.variableNames()));
      return rule;
    }).toList();
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", dashboard.uid());
    group.put("rules", rules);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = dir.resolve(dashboard.uid() + ".rules.yaml");
    try {
      Files.writeString(file, new Yaml(options).dump(Map.of("groups", List.of(group))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
