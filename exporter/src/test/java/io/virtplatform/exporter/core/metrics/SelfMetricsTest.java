package io.virtplatform.exporter.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SelfMetricsTest {

  private final SelfMetrics self = new SelfMetrics("1.2.3");

  @Test
  void exposesEverySelfFamilyUnderItsCatalogNameTypeAndHelp() {
    self.informerSynced("pods", true);
    self.watchError("pods");
    self.tlsReloaded("serving_certificate", true);

    String text = text(self, ExpositionFormat.PROMETHEUS_TEXT_004);

    Set<String> exposed = text.lines()
        .filter(line -> line.startsWith("# TYPE virt_platform_"))
        .map(line -> line.split(" ")[2])
        .collect(Collectors.toSet());
    Set<String> catalog = Arrays.stream(ExportedMetric.values())
        .filter(metric -> metric.origin() == ExportedMetric.Origin.SELF)
        .map(ExportedMetric::metricName)
        .collect(Collectors.toSet());
    assertThat(exposed).isEqualTo(catalog);
    for (ExportedMetric metric : ExportedMetric.values()) {
      if (metric.origin() == ExportedMetric.Origin.SELF) {
        assertThat(text).contains(MetricStoreTest.header(metric));
        assertThat(sampleNames(text)).contains(metric.metricName());
      }
    }
  }

  @Test
  void openMetricsFamilyNamesFollowTheCatalogToo() {
    self.watchError("pods");

    String text = text(self, ExpositionFormat.OPENMETRICS_100);

    assertThat(text).contains("# TYPE virt_platform_exporter_watch_errors counter\n",
        "virt_platform_exporter_watch_errors_total{resource=\"pods\"} 1",
        "# TYPE virt_platform_exporter_build_info gauge\n");
    assertThat(text).endsWith("# EOF\n");
  }

  @Test
  void reportsBuildVersionAndJvmMetrics() {
    String text = text(self, ExpositionFormat.PROMETHEUS_TEXT_004);

    assertThat(text).contains("virt_platform_exporter_build_info{version=\"1.2.3\"} 1");
    assertThat(sampleNames(text)).contains("jvm_memory_used_bytes");
  }

  @Test
  void reportsDevVersionOutsideThePackagedJar() {
    String text = text(new SelfMetrics(), ExpositionFormat.PROMETHEUS_TEXT_004);

    assertThat(text).contains("virt_platform_exporter_build_info{version=\"dev\"} 1");
  }

  @Test
  void tracksInformersAndForgetsThem() {
    self.informerSynced("pods", false);
    self.informerSynced("kubevirts", true);
    self.watchError("pods");
    self.watchError("pods");

    assertThat(text(self, ExpositionFormat.PROMETHEUS_TEXT_004)).contains(
        "virt_platform_exporter_informer_synced{resource=\"pods\"} 0",
        "virt_platform_exporter_informer_synced{resource=\"kubevirts\"} 1",
        "virt_platform_exporter_watch_errors_total{resource=\"pods\"} 2");

    self.forgetInformer("pods");

    String text = text(self, ExpositionFormat.PROMETHEUS_TEXT_004);
    assertThat(text).doesNotContain("resource=\"pods\"");
    assertThat(text).contains("virt_platform_exporter_informer_synced{resource=\"kubevirts\"} 1");
  }

  @Test
  void startsTheWatchErrorCounterAtZeroWhenTheInformerAppears() {
    self.informerSynced("vms", false);

    assertThat(text(self, ExpositionFormat.PROMETHEUS_TEXT_004))
        .contains("virt_platform_exporter_watch_errors_total{resource=\"vms\"} 0");
  }

  @Test
  void recordsConfigLoadsAndEvaluations() {
    self.configLoaded(Instant.ofEpochMilli(1_700_000_000_500L));
    self.evaluated(Instant.ofEpochSecond(1_700_000_100L));

    assertThat(text(self, ExpositionFormat.PROMETHEUS_TEXT_004)).contains(
        "virt_platform_exporter_config_reload_success 1",
        "virt_platform_exporter_config_last_reload_success_timestamp_seconds 1.7000000005E9",
        "virt_platform_exporter_last_evaluation_timestamp_seconds 1.7000001E9");

    self.configLoadFailed();

    String text = text(self, ExpositionFormat.PROMETHEUS_TEXT_004);
    assertThat(text).contains("virt_platform_exporter_config_reload_success 0",
        "virt_platform_exporter_config_last_reload_success_timestamp_seconds 1.7000000005E9");
  }

  @Test
  void countsScrapeErrorsByReasonFromZero() {
    assertThat(text(self, ExpositionFormat.PROMETHEUS_TEXT_004)).contains(
        "virt_platform_exporter_scrape_errors_total{reason=\"write_timeout\"} 0",
        "virt_platform_exporter_scrape_errors_total{reason=\"client_disconnected\"} 0");

    self.scrapeError(SelfMetrics.ScrapeError.WRITE_TIMEOUT);
    self.scrapeError(SelfMetrics.ScrapeError.WRITE_TIMEOUT);
    self.scrapeError(SelfMetrics.ScrapeError.CLIENT_DISCONNECTED);

    assertThat(text(self, ExpositionFormat.PROMETHEUS_TEXT_004)).contains(
        "virt_platform_exporter_scrape_errors_total{reason=\"write_timeout\"} 2",
        "virt_platform_exporter_scrape_errors_total{reason=\"client_disconnected\"} 1");
  }

  /** The self metrics as a scrape sends them: their arrays in order. */
  static String text(SelfMetrics self, ExpositionFormat format) {
    StringBuilder text = new StringBuilder();
    for (byte[] part : self.render(format)) {
      text.append(new String(part, StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  private static List<String> sampleNames(String text) {
    return MetricStoreTest.sampleLines(text).stream()
        .map(line -> line.split("[{ ]")[0])
        .toList();
  }

  @Test
  void tlsReloadSeriesExistOnlyOnceReported() {
    assertThat(text(self, ExpositionFormat.PROMETHEUS_TEXT_004))
        .doesNotContain("virt_platform_exporter_tls_reload_success{");

    self.tlsReloaded("client_ca", true);
    self.tlsReloaded("client_ca", false);

    assertThat(text(self, ExpositionFormat.PROMETHEUS_TEXT_004))
        .contains("virt_platform_exporter_tls_reload_success{files=\"client_ca\"} 0.0\n")
        .doesNotContain("files=\"serving_certificate\"");
  }
}
