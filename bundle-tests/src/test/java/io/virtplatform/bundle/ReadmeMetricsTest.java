package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.metrics.ExportedMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's metric table is a copy of the catalog; it must not drift from it. */
class ReadmeMetricsTest {

  private static final Pattern ROW =
      Pattern.compile("^\\| `(virt_platform_[a-z0-9_]+)` \\| (gauge|counter) \\|\\s*([a-z_, ]*?)\\s*\\|");

  @Test
  void readmeListsEveryExportedMetricWithItsTypeAndLabels() throws IOException {
    Map<String, String> documented = new HashMap<>();
    for (String line : Files.readAllLines(RepoRoot.find().resolve("README.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        documented.put(m.group(1), m.group(2) + " " + m.group(3).replace(" ", ""));
      }
    }
    Map<String, String> exported = new HashMap<>();
    for (ExportedMetric metric : ExportedMetric.values()) {
      exported.put(metric.metricName(), metric.type().name().toLowerCase(Locale.ROOT) + " "
          + String.join(",", metric.labelNames()));
    }
    assertThat(documented).isEqualTo(exported);
  }
}
