package io.virtplatform.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One alerting rule of the Prometheus rule file. {@code holdFor} is the raw {@code for} text. */
record AlertRule(
    String name,
    String expr,
    String holdFor,
    Map<String, String> labels,
    Map<String, String> annotations) {

  /** Every alerting rule of every group; recording rules are skipped. */
  static List<AlertRule> readAll(Path ruleFile) {
    List<AlertRule> alerts = new ArrayList<>();
    Map<String, Object> doc = Yamls.readMap(ruleFile);
    for (Object g : Yamls.list(doc.get("groups"), ruleFile, "groups")) {
      Map<String, Object> group = Yamls.map(g, ruleFile, "group");
      for (Object r : Yamls.list(group.get("rules"), ruleFile, "rules")) {
        Map<String, Object> rule = Yamls.map(r, ruleFile, "rule");
        if (rule.containsKey("alert")) {
          String name = String.valueOf(rule.get("alert"));
          alerts.add(new AlertRule(
              name,
              String.valueOf(rule.get("expr")),
              rule.get("for") == null ? null : String.valueOf(rule.get("for")),
              Yamls.stringMap(rule.get("labels"), ruleFile, name + ".labels"),
              Yamls.stringMap(rule.get("annotations"), ruleFile, name + ".annotations")));
        }
      }
    }
    return alerts;
  }

  @Override
  public String toString() {
    return name;
  }
}
