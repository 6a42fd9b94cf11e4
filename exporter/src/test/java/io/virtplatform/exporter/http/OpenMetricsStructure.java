package io.virtplatform.exporter.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the OpenMetrics 1.0 rules that concatenating two writers could break: one {@code # EOF}
 * as the last line, each family's metadata and samples contiguous and declared once, sample names
 * derived from the family name by the suffixes its type allows, counters non-negative.
 */
final class OpenMetricsStructure {

  private static final Map<String, List<String>> SUFFIXES_BY_TYPE = Map.of(
      "gauge", List.of(""),
      "unknown", List.of(""),
      "stateset", List.of(""),
      "counter", List.of("_total", "_created"),
      "info", List.of("_info"),
      "summary", List.of("", "_count", "_sum", "_created"),
      "histogram", List.of("_bucket", "_count", "_sum", "_created"),
      "gaugehistogram", List.of("_bucket", "_gcount", "_gsum"));

  private OpenMetricsStructure() {
  }

  /** The violations found; empty when the document is well-formed. */
  static List<String> problems(String document) {
    List<String> problems = new ArrayList<>();
    List<String> lines = document.lines().toList();
    if (!document.endsWith("\n") || lines.isEmpty() || !lines.get(lines.size() - 1).equals("# EOF")) {
      problems.add("document does not end with a single line '# EOF'");
    }
    Set<String> seenFamilies = new HashSet<>();
    String family = null;
    String type = "unknown";
    Set<String> familyMetadata = new HashSet<>();
    boolean familyHasSamples = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String where = "line " + (i + 1) + " '" + line + "': ";
      if (line.equals("# EOF")) {
        if (i != lines.size() - 1) {
          problems.add(where + "# EOF before the end");
        }
      } else if (line.startsWith("# TYPE ") || line.startsWith("# HELP ")
          || line.startsWith("# UNIT ")) {
        String[] parts = line.split(" ", 4);
        if (!parts[2].equals(family)) {
          if (!seenFamilies.add(parts[2])) {
            problems.add(where + "family " + parts[2] + " declared again");
          }
          family = parts[2];
          type = "unknown";
          familyMetadata.clear();
          familyHasSamples = false;
        }
        if (!familyMetadata.add(parts[1])) {
          problems.add(where + parts[1] + " of " + family + " declared again");
        }
        if (familyHasSamples) {
          problems.add(where + "metadata after samples of " + family);
        }
        if (parts[1].equals("TYPE")) {
          type = parts[3];
          if (!SUFFIXES_BY_TYPE.containsKey(type)) {
            problems.add(where + "unknown type");
          }
        }
      } else if (line.startsWith("#")) {
        problems.add(where + "comment lines are not allowed");
      } else {
        checkSample(line, family, type, where, problems);
        familyHasSamples = true;
      }
    }
    return problems;
  }

  private static void checkSample(String line, String family, String type, String where,
      List<String> problems) {
    String name = line.split("[{ ]", 2)[0];
    boolean named = family != null && name.startsWith(family)
        && SUFFIXES_BY_TYPE.getOrDefault(type, List.of()).contains(name.substring(family.length()));
    if (!named) {
      problems.add(where + "sample name does not belong to " + type + " family " + family);
    }
    String value = line.substring(line.lastIndexOf(' ') + 1);
    if (type.equals("counter") && (value.equals("NaN") || value.startsWith("-"))) {
      problems.add(where + "counter value must be non-negative");
    }
  }
}
