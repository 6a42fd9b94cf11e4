package io.virtplatform.exporter.core.metrics;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPLIANCE_STATUS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.EXPORTER_BUILD_INFO;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.MISSING_DEPENDENCY;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.THRASHING_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtplatform.exporter.testing.Exposition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricStoreTest {

  private static final String COMPLIANCE_HEADER = header(COMPLIANCE_STATUS);
  private static final String THRASHING_HEADER = header(THRASHING_TOTAL);

  // Deliberately not in catalog order: the store writes families in catalog order anyway.
  private final MetricStore store = new MetricStore(List.of(THRASHING_TOTAL, COMPLIANCE_STATUS));

  @Test
  void writesHeadersOfEmptyFamiliesInCatalogOrder() {
    assertThat(text(store)).isEqualTo(COMPLIANCE_HEADER + THRASHING_HEADER);
  }

  @Test
  void putRendersSamplesInLabelOrder() {
    store.put(COMPLIANCE_STATUS, "KubeVirt/kubevirt/kubevirt", List.of(
        Sample.of(1, "KubeVirt", "kubevirt", "kubevirt")));
    store.put(THRASHING_TOTAL, "KubeVirt/kubevirt/kubevirt", List.of(
        Sample.of(3, "KubeVirt", "kubevirt", "kubevirt")));

    assertThat(text(store)).isEqualTo(COMPLIANCE_HEADER
        + "virt_platform_compliance_status{kind=\"KubeVirt\",name=\"kubevirt\","
        + "namespace=\"kubevirt\"} 1\n"
        + THRASHING_HEADER
        + "virt_platform_thrashing_total{kind=\"KubeVirt\",name=\"kubevirt\","
        + "namespace=\"kubevirt\"} 3\n");
  }

  @Test
  void putReplacesOnlyThatOwnersLines() {
    store.put(COMPLIANCE_STATUS, "a", List.of(Sample.of(1, "K", "a", ""), Sample.of(1, "K", "a2", "")));
    store.put(COMPLIANCE_STATUS, "b", List.of(Sample.of(1, "K", "b", "")));

    store.put(COMPLIANCE_STATUS, "a", List.of(Sample.of(0, "K", "a", "")));

    assertThat(text(store)).isEqualTo(COMPLIANCE_HEADER
        + "virt_platform_compliance_status{kind=\"K\",name=\"a\",namespace=\"\"} 0\n"
        + "virt_platform_compliance_status{kind=\"K\",name=\"b\",namespace=\"\"} 1\n"
        + THRASHING_HEADER);
  }

  @Test
  void ownersAreWrittenInKeyOrderWhateverTheInsertionOrder() {
    store.put(COMPLIANCE_STATUS, "c", List.of(Sample.of(1, "K", "c", "")));
    store.put(COMPLIANCE_STATUS, "a", List.of(Sample.of(1, "K", "a", "")));
    store.put(COMPLIANCE_STATUS, "b", List.of(Sample.of(1, "K", "b", "")));

    assertThat(sampleLines(text(store))).extracting(line -> line.replaceAll(".*name=\"(.)\".*", "$1"))
        .containsExactly("a", "b", "c");
  }

  @Test
  void emptySampleListAndRemoveDropTheOwnerFromOneFamily() {
    store.put(COMPLIANCE_STATUS, "a", List.of(Sample.of(1, "K", "a", "")));
    store.put(COMPLIANCE_STATUS, "b", List.of(Sample.of(1, "K", "b", "")));
    store.put(THRASHING_TOTAL, "a", List.of(Sample.of(2, "K", "a", "")));

    store.put(COMPLIANCE_STATUS, "a", List.of());
    store.remove(COMPLIANCE_STATUS, "b");

    assertThat(text(store)).isEqualTo(COMPLIANCE_HEADER + THRASHING_HEADER
        + "virt_platform_thrashing_total{kind=\"K\",name=\"a\",namespace=\"\"} 2\n");
  }

  @Test
  void retainOwnersDropsOwnersMissingFromTheSet() {
    for (String owner : List.of("a", "b", "c")) {
      store.put(COMPLIANCE_STATUS, owner, List.of(Sample.of(1, "K", owner, "")));
      store.put(THRASHING_TOTAL, owner, List.of(Sample.of(1, "K", owner, "")));
    }

    store.retainOwners(COMPLIANCE_STATUS, Set.of("b"));

    assertThat(sampleLines(text(store))).containsExactly(
        "virt_platform_compliance_status{kind=\"K\",name=\"b\",namespace=\"\"} 1",
        "virt_platform_thrashing_total{kind=\"K\",name=\"a\",namespace=\"\"} 1",
        "virt_platform_thrashing_total{kind=\"K\",name=\"b\",namespace=\"\"} 1",
        "virt_platform_thrashing_total{kind=\"K\",name=\"c\",namespace=\"\"} 1");
  }

  @Test
  void escapesBackslashDoubleQuoteAndNewlineInLabelValues() {
    store.put(COMPLIANCE_STATUS, "x", List.of(Sample.of(1, "a\\b", "say \"hi\"", "line1\nline2")));

    assertThat(sampleLines(text(store))).containsExactly(
        "virt_platform_compliance_status{kind=\"a\\\\b\",name=\"say \\\"hi\\\"\","
            + "namespace=\"line1\\nline2\"} 1");
  }

  @Test
  void rendersValuesValidInBothFormats() {
    List<Double> values = List.of(0.0, -0.0, 42.0, 0.25, 1e-5, 1e20, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    MetricStore gauges = new MetricStore(List.of(COMPLIANCE_STATUS));
    for (int i = 0; i < values.size(); i++) {
      gauges.put(COMPLIANCE_STATUS, "o" + i, List.of(Sample.of(values.get(i), "K", "o" + i, "")));
    }

    assertThat(sampleLines(text(gauges))).extracting(line -> line.substring(line.indexOf("} ") + 2))
        .containsExactly("0", "0", "42", "0.25", "1.0E-5", "1.0E20", "NaN", "+Inf", "-Inf");
  }

  @Test
  void openMetricsHeaderNamesCounterFamilyWithoutTotalButSamplesKeepIt() {
    store.put(THRASHING_TOTAL, "a", List.of(Sample.of(1, "K", "a", "")));

    String text = text(store, ExpositionFormat.OPENMETRICS_100);

    assertThat(text).contains("# TYPE virt_platform_thrashing counter\n"
        + "# HELP virt_platform_thrashing " + THRASHING_TOTAL.help() + "\n"
        + "virt_platform_thrashing_total{kind=\"K\",name=\"a\",namespace=\"\"} 1\n");
    assertThat(text).contains("# TYPE virt_platform_compliance_status gauge\n");
    assertThat(text).doesNotContain("# EOF");
  }

  @Test
  void rejectsWrongLabelCountAndKeepsThePreviousLines() {
    store.put(COMPLIANCE_STATUS, "a", List.of(Sample.of(1, "K", "a", "")));

    assertThatThrownBy(() -> store.put(COMPLIANCE_STATUS, "a",
        List.of(Sample.of(0, "K", "a", ""), Sample.of(0, "K", "a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("virt_platform_compliance_status")
        .hasMessageContaining("[kind, name, namespace]");
    assertThat(sampleLines(text(store))).containsExactly(
        "virt_platform_compliance_status{kind=\"K\",name=\"a\",namespace=\"\"} 1");
  }

  @Test
  void rejectsNegativeOrNanCounterValues() {
    assertThatThrownBy(() -> store.put(THRASHING_TOTAL, "a", List.of(Sample.of(-1, "K", "a", ""))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> store.put(THRASHING_TOTAL, "a",
        List.of(Sample.of(Double.NaN, "K", "a", ""))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
  }

  @Test
  void rejectsFamiliesItDoesNotHold() {
    assertThatThrownBy(() -> store.put(MISSING_DEPENDENCY, "a", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("virt_platform_missing_dependency");
  }

  @Test
  void refusesSelfFamiliesAndDuplicates() {
    assertThatThrownBy(() -> new MetricStore(List.of(EXPORTER_BUILD_INFO)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a store family");
    assertThatThrownBy(() -> new MetricStore(List.of(COMPLIANCE_STATUS, COMPLIANCE_STATUS)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void forCatalogHoldsEveryStoreFamily() {
    String text = text(MetricStore.forCatalog());

    for (ExportedMetric metric : ExportedMetric.values()) {
      String typeLine = "# TYPE " + metric.metricName() + " ";
      if (metric.origin() == ExportedMetric.Origin.STORE) {
        assertThat(text).contains(typeLine);
      } else {
        assertThat(text).doesNotContain(typeLine);
      }
    }
  }

  @Test
  void scrapeSeesEachOwnersLinesFromOnePutOnly() throws InterruptedException {
    MetricStore concurrent = new MetricStore(List.of(COMPLIANCE_STATUS));
    List<String> owners = List.of("o0", "o1", "o2", "o3");
    Thread writer = new Thread(() -> {
      for (int round = 0; !Thread.currentThread().isInterrupted(); round++) {
        for (String owner : owners) {
          int value = round;
          if (round % 7 == 0) {
            concurrent.remove(COMPLIANCE_STATUS, owner);
          } else {
            concurrent.put(COMPLIANCE_STATUS, owner, List.of("x", "y", "z").stream()
                .map(kind -> Sample.of(value, kind, owner, "")).toList());
          }
        }
      }
    });
    writer.start();
    try {
      for (int scrape = 0; scrape < 300; scrape++) {
        List<String> lines = sampleLines(text(concurrent));
        for (String owner : owners) {
          List<String> values = lines.stream()
              .filter(line -> line.contains("name=\"" + owner + "\""))
              .map(line -> line.substring(line.indexOf("} ") + 2))
              .toList();
          boolean wholePut = values.size() == 3 && Set.copyOf(values).size() == 1;
          assertThat(values.isEmpty() || wholePut)
              .as("lines of %s in scrape %d: %s", owner, scrape, values).isTrue();
        }
      }
    } finally {
      writer.interrupt();
      writer.join();
    }
  }

  static String header(ExportedMetric metric) {
    return "# HELP " + metric.metricName() + " " + metric.help() + "\n"
        + "# TYPE " + metric.metricName() + " " + metric.type().name().toLowerCase() + "\n";
  }

  static String text(MetricStore store) {
    return text(store, ExpositionFormat.PROMETHEUS_TEXT_004);
  }

  static String text(MetricStore store, ExpositionFormat format) {
    return Exposition.text(store::writeTo, format);
  }

  static List<String> sampleLines(String text) {
    return text.lines().filter(line -> !line.startsWith("#")).toList();
  }
}
