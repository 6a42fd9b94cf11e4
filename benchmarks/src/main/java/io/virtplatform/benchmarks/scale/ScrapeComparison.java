package io.virtplatform.benchmarks.scale;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import io.undertow.util.Headers;
import io.virtplatform.exporter.core.metrics.ExportedMetric;
import io.virtplatform.exporter.core.metrics.ExpositionFormat;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.MetricType;
import io.virtplatform.exporter.core.metrics.MetricsExposition;
import io.virtplatform.exporter.core.metrics.Sample;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.http.ExporterHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scrape of the same series from three servers, interleaved in rounds so that the busy
 * machine's noise hits each alike: the exporter's /metrics, a bare Undertow handler writing the
 * exporter's bytes in one call (the floor for serving those bytes over HTTP), and client_java
 * 1.9's HTTPServer with a collector producing the same series on each scrape.
 *
 * <p>Times are measured by the client, from request to last byte. Allocation is measured in the
 * server: the bytes allocated by every thread but the client's during a round, per scrape.
 */
public final class ScrapeComparison {

  /** The five one-series-per-resource families of a managed resource; the JMH benchmark's too. */
  public static final List<ExportedMetric> FAMILIES = List.of(
      ExportedMetric.COMPLIANCE_STATUS, ExportedMetric.DRIFTED_FIELDS,
      ExportedMetric.THRASHING_TOTAL, ExportedMetric.EDIT_WAR_ACTIVE,
      ExportedMetric.PAUSED_RESOURCES);

  enum Target { EXPORTER, BARE_UNDERTOW, CLIENT_JAVA }

  /** Medians over the rounds. */
  record Figures(double millisPerScrape, double bytesAllocatedPerScrape) {}

  record Result(int series, int plainBytes, int gzipBytes, Map<Target, Figures> plain,
      Map<Target, Figures> gzip) {

    double ratio(Map<Target, Figures> figures, Target numerator, Target denominator) {
      return figures.get(numerator).millisPerScrape() / figures.get(denominator).millisPerScrape();
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final int resources;
  private final int rounds;
  private final int scrapesPerRound;

  ScrapeComparison(int resources, int rounds, int scrapesPerRound) {
    this.resources = resources;
    this.rounds = rounds;
    this.scrapesPerRound = scrapesPerRound;
  }

  Result run() throws IOException {
    MetricStore store = MetricStore.forCatalog();
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new SameSeriesCollector(resources));
    for (int i = 0; i < resources; i++) {
      for (ExportedMetric family : FAMILIES) {
        store.put(family, ownerKey(i), List.of(new Sample(labelValues(i), value(family, i))));
      }
    }
    SelfMetrics self = new SelfMetrics("benchmark");
    ExporterHttpServer exporter = new ExporterHttpServer(
        new InetSocketAddress("127.0.0.1", 0), store, self, Optional::empty);
    exporter.start();
    ByteArrayOutputStream exposition = new ByteArrayOutputStream();
    new MetricsExposition(store, self).writeTo(exposition, ExpositionFormat.PROMETHEUS_TEXT_004);
    byte[] sameBytes = exposition.toByteArray();
    Undertow bare = bareUndertow(sameBytes);
    bare.start();
    HTTPServer clientJava = HTTPServer.builder().hostname("127.0.0.1").port(0)
        .registry(registry).buildAndStart();
    try {
      Map<Target, String> urls = new EnumMap<>(Target.class);
      urls.put(Target.EXPORTER, "http://127.0.0.1:" + exporter.port() + "/metrics");
      urls.put(Target.BARE_UNDERTOW, "http://127.0.0.1:" + port(bare) + "/metrics");
      urls.put(Target.CLIENT_JAVA, "http://127.0.0.1:" + clientJava.getPort() + "/metrics");
      HttpScraper probe = new HttpScraper(urls.get(Target.EXPORTER), true);
      probe.fetch();
      int gzipBytes = probe.length();
      return new Result(resources * FAMILIES.size(), sameBytes.length, gzipBytes,
          measure(urls, false), measure(urls, true));
    } finally {
      clientJava.close();
      bare.stop();
      exporter.stop();
    }
  }

  private Map<Target, Figures> measure(Map<Target, String> urls, boolean gzip) {
    Map<Target, HttpScraper> scrapers = new EnumMap<>(Target.class);
    urls.forEach((target, url) -> scrapers.put(target, new HttpScraper(url, gzip)));
    Map<Target, List<Double>> millis = new EnumMap<>(Target.class);
    Map<Target, List<Double>> allocated = new EnumMap<>(Target.class);
    for (Target target : Target.values()) {
      millis.put(target, new ArrayList<>());
      allocated.put(target, new ArrayList<>());
      for (int i = 0; i < 3 * scrapesPerRound; i++) {
        scrapers.get(target).fetch(); // warm-up: JIT, connection, buffers
      }
    }
    Target[] order = Target.values();
    for (int round = 0; round < rounds; round++) {
      for (int t = 0; t < order.length; t++) {
        Target target = order[(round + t) % order.length];
        HttpScraper scraper = scrapers.get(target);
        long allocatedBefore = serverAllocatedBytes();
        for (int i = 0; i < scrapesPerRound; i++) {
          long start = System.nanoTime();
          int status = scraper.fetch();
          millis.get(target).add((System.nanoTime() - start) / 1e6);
          if (status != 200) {
            throw new IllegalStateException(target + " answered " + status);
          }
        }
        allocated.get(target).add(
            (serverAllocatedBytes() - allocatedBefore) / (double) scrapesPerRound);
      }
    }
    Map<Target, Figures> figures = new EnumMap<>(Target.class);
    for (Target target : Target.values()) {
      figures.put(target, new Figures(Stats.median(millis.get(target)),
          Stats.median(allocated.get(target))));
    }
    return figures;
  }

  /**
   * What a scrape pays for the JVM metrics when the last rendering is over
   * {@link SelfMetrics#JVM_METRICS_MAX_AGE} old, as at a usual scrape interval: milliseconds and
   * bytes allocated, medians of 50 renderings.
   */
  static Figures jvmMetricsRendering() throws IOException {
    PrometheusRegistry jvm = new PrometheusRegistry();
    JvmMetrics.builder().register(jvm);
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    List<Double> millis = new ArrayList<>();
    List<Double> allocated = new ArrayList<>();
    long self = Thread.currentThread().getId();
    for (int i = 0; i < 70; i++) {
      long bytesBefore = THREADS.getThreadAllocatedBytes(self);
      long start = System.nanoTime();
      writer.write(OutputStream.nullOutputStream(), jvm.scrape());
      if (i >= 20) {
        millis.add((System.nanoTime() - start) / 1e6);
        allocated.add((double) (THREADS.getThreadAllocatedBytes(self) - bytesBefore));
      }
    }
    return new Figures(Stats.median(millis), Stats.median(allocated));
  }

  /** Bytes allocated so far by every live thread except this one (the client). */
  private static long serverAllocatedBytes() {
    long[] ids = THREADS.getAllThreadIds();
    long client = Thread.currentThread().getId();
    long[] allocated = THREADS.getThreadAllocatedBytes(ids);
    long sum = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != client && allocated[i] > 0) {
        sum += allocated[i];
      }
    }
    return sum;
  }

  /** Serves the bytes in one write, with the exporter's thread and gzip settings. */
  private static Undertow bareUndertow(byte[] bytes) {
    return Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setIoThreads(1)
        .setWorkerThreads(8)
        .setHandler(new BlockingHandler(new EncodingHandler(exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE,
              ExpositionFormat.PROMETHEUS_TEXT_004.contentType());
          try (OutputStream out = exchange.getOutputStream()) {
            out.write(bytes);
          }
        }, new ContentEncodingRepository()
            .addEncodingHandler("gzip", new GzipEncodingProvider(), 50))))
        .build();
  }

  private static int port(Undertow server) {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  static String ownerKey(int i) {
    return "ConfigMap\u0000" + namespace(i) + "\u0000" + name(i);
  }

  static List<String> labelValues(int i) {
    return List.of("ConfigMap", name(i), namespace(i));
  }

  static String name(int i) {
    return String.format("platform-config-%06d", i);
  }

  static String namespace(int i) {
    return String.format("tenant-%03d", i % 100);
  }

  /** Mostly compliant, a few drifted: the values a healthy platform shows. */
  static double value(ExportedMetric family, int i) {
    boolean drifted = i % 50 == 0;
    return switch (family) {
      case COMPLIANCE_STATUS -> drifted ? 0 : 1;
      case DRIFTED_FIELDS -> drifted ? 2 : 0;
      default -> 0;
    };
  }

  /**
   * What a client_java exporter of these series does: builds the snapshots from its own state on
   * every scrape, and lets the registry sort and format them.
   */
  private static final class SameSeriesCollector implements MultiCollector {
    private final int resources;
    private final String[] labelNames = {"kind", "name", "namespace"};

    SameSeriesCollector(int resources) {
      this.resources = resources;
    }

    @Override
    public MetricSnapshots collect() {
      List<MetricSnapshot> snapshots = new ArrayList<>();
      for (ExportedMetric family : FAMILIES) {
        if (family.type() == MetricType.COUNTER) {
          CounterSnapshot.Builder counter = CounterSnapshot.builder()
              .name(family.metricName().replaceAll("_total$", "")).help(family.help());
          for (int i = 0; i < resources; i++) {
            counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(i)).value(value(family, i)).build());
          }
          snapshots.add(counter.build());
        } else {
          GaugeSnapshot.Builder gauge = GaugeSnapshot.builder()
              .name(family.metricName()).help(family.help());
          for (int i = 0; i < resources; i++) {
            gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels(i)).value(value(family, i)).build());
          }
          snapshots.add(gauge.build());
        }
      }
      return new MetricSnapshots(snapshots);
    }

    private Labels labels(int i) {
      return Labels.of(labelNames, labelValues(i).toArray(String[]::new));
    }
  }
}
