package io.virtplatform.benchmarks.scale;

import io.virtplatform.benchmarks.scale.ScrapeComparison.Figures;
import io.virtplatform.benchmarks.scale.ScrapeComparison.Target;
import io.virtplatform.exporter.logging.LogFormat;
import io.virtplatform.exporter.logging.LogLevel;
import io.virtplatform.exporter.logging.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scale benchmark of issue 12, one command ({@code benchmarks/run.sh}): the scrape
 * comparison at several series counts, then one exporter per cluster size. Prints a Markdown
 * report and, with {@code --write FILE}, puts it between the markers in that file.
 *
 * <p>Options: {@code --sizes 1000,10000} managed objects per cluster run; {@code --scrape
 * 2000,20000} managed resources for the scrape comparison (5 series each), {@code none} to skip; {@code --rounds 15};
 * {@code --updates-per-second 200}; {@code --update-seconds 15}; {@code --write FILE} ({@code -} to print only).
 *
 * <p>{@code --cold-start 10000} measures instead the exporter as deployed ({@link ColdStart}): the
 * packaged jar in processes of its own, one cold start per run, with JVM flag sets interleaved in
 * rounds ({@code --cold-start-rounds 3}; {@code --cold-start-scrapes 300} scrapes of /metrics
 * timed per run, after as many untimed ones; {@code --cold-start-sets 0,4} runs only those of
 * {@link ColdStart#defaultFlagSets()}, counted from 0). Its report goes between the
 * {@code cold-start} markers of the file.
 */
public final class ScaleBenchmark {

  static final String BEGIN = "<!-- scale-benchmark:begin (written by benchmarks/run.sh) -->";
  static final String END = "<!-- scale-benchmark:end -->";
  static final String COLD_START_BEGIN =
      "<!-- cold-start:begin (written by benchmarks/run.sh --cold-start) -->";
  static final String COLD_START_END = "<!-- cold-start:end -->";

  private ScaleBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    LogSetup.configure(LogFormat.TEXT, LogLevel.WARN, System.err);
    List<Integer> sizes = List.of(1_000, 10_000);
    List<Integer> scrapeResources = List.of(2_000, 20_000);
    int rounds = 15;
    int updatesPerSecond = 200;
    int updateSeconds = 15;
    Path write = null;
    int coldStart = 0;
    int coldStartRounds = 3;
    int coldStartScrapes = 300;
    List<Integer> coldStartSets = List.of();
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--sizes" -> sizes = integers(value);
        case "--scrape" -> scrapeResources = integers(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--updates-per-second" -> updatesPerSecond = Integer.parseInt(value);
        case "--update-seconds" -> updateSeconds = Integer.parseInt(value);
        case "--write" -> write = value.equals("-") ? null : Path.of(value);
        case "--cold-start" -> coldStart = Integer.parseInt(value);
        case "--cold-start-rounds" -> coldStartRounds = Integer.parseInt(value);
        case "--cold-start-scrapes" -> coldStartScrapes = Integer.parseInt(value);
        case "--cold-start-sets" -> coldStartSets = integers(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; see the class comment of " + ScaleBenchmark.class.getName());
      }
    }
    if (coldStart > 0) {
      List<ColdStart.FlagSet> sets = ColdStart.defaultFlagSets();
      if (!coldStartSets.isEmpty()) {
        sets = coldStartSets.stream().map(sets::get).toList();
      }
      String report = new ColdStart(coldStart, coldStartRounds, coldStartScrapes,
          Path.of("exporter/target/virt-platform-exporter.jar"), sets).run();
      System.out.println(report);
      if (write != null) {
        writeBetweenMarkers(write, COLD_START_BEGIN, COLD_START_END, report);
        ClusterRun.log("written to %s", write);
      }
      System.exit(0);
    }

    List<ScrapeComparison.Result> scrapes = new ArrayList<>();
    for (int resources : scrapeResources) {
      ClusterRun.log("scrape comparison, %,d series", resources * 5);
      scrapes.add(new ScrapeComparison(resources, rounds, 10).run());
    }
    Figures jvm = ScrapeComparison.jvmMetricsRendering();
    List<ClusterRun.Figures> clusters = new ArrayList<>();
    for (int managed : sizes) {
      ClusterRun.log("cluster run, %,d managed objects", managed);
      clusters.add(new ClusterRun(managed, updatesPerSecond, updateSeconds).run());
    }
    String report = report(scrapes, jvm, clusters, updatesPerSecond, updateSeconds);
    System.out.println(report);
    if (write != null) {
      writeBetweenMarkers(write, BEGIN, END, report);
      ClusterRun.log("written to %s", write);
    }
    System.exit(0); // informer and mock threads do not all stop on close
  }

  static String report(List<ScrapeComparison.Result> scrapes, Figures jvm,
      List<ClusterRun.Figures> clusters, int updatesPerSecond, int updateSeconds) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Run of %s on %d cores, Java %s, commit %s.%n%n",
        Instant.now().truncatedTo(ChronoUnit.MINUTES), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), System.getProperty("benchmark.commit", "unknown")));
    out.append("Scrape, medians of interleaved rounds (client-side time, request to last byte;"
        + " allocation by the server's threads):\n\n");
    out.append("| series | body (plain / gzip) | format | exporter | bare Undertow | client_java"
        + " HTTPServer | exporter / bare | exporter / client_java | allocated per scrape:"
        + " exporter / bare / client_java |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (ScrapeComparison.Result result : scrapes) {
      row(out, result, "plain", result.plain());
      row(out, result, "gzip", result.gzip());
    }
    out.append(String.format(Locale.ROOT, "%nRendering the JVM metrics, which a scrape pays when"
        + " the last rendering is over a second old: %.2f ms, %s allocated.%n",
        jvm.millisPerScrape(), bytes(jvm.bytesAllocatedPerScrape())));
    out.append("\nCluster runs (mock API server in CRUD mode, exporter in the same JVM; ")
        .append(updatesPerSecond).append(" patches/s for ").append(updateSeconds)
        .append(" s):\n\n");
    out.append("| managed objects | objects in the cluster / watched | start to stable ready"
        + " | every compliance series | readiness flaps | heap held (freed on closing it, after full GC) | heap per watched"
        + " object (marginal, from the size before) | patch → /metrics p50 / p99 / max"
        + " | updates seen / sent | poll (one scrape) | patch round trip p50 / p99 | patch →"
        + " event on a watch of the benchmark's own p50 / p99 | that event → /metrics p50 / p99"
        + " |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    ClusterRun.Figures previous = null;
    for (ClusterRun.Figures f : clusters) {
      String marginal = previous == null ? "" : String.format(Locale.ROOT, " (%,.0f B)",
          (f.heapMiB() - previous.heapMiB()) * 1048576.0
              / (f.watchedObjects() - previous.watchedObjects()));
      out.append(String.format(Locale.ROOT,
          "| %,d | %,d / %,d | %.2f s | %.2f s | %d | %.1f MiB | %,.0f B%s"
              + " | %.1f / %.1f / %.1f ms | %,d / %,d | %.1f ms | %.1f / %.1f ms"
              + " | %.1f / %.1f ms | %.1f / %.1f ms |%n",
          f.managed(), f.clusterObjects(), f.watchedObjects(), f.readySeconds(),
          f.completeSeconds(), f.readinessFlaps(), f.heapMiB(), f.heapBytesPerWatchedObject(),
          marginal, f.latencyP50Millis(), f.latencyP99Millis(), f.latencyMaxMillis(),
          f.updatesSeen(), f.updates(), f.pollMillis(), f.patchP50Millis(),
          f.patchP99Millis(), f.watchP50Millis(), f.watchP99Millis(), f.exporterP50Millis(),
          f.exporterP99Millis()));
      previous = f;
    }
    return out.toString();
  }

  private static void row(StringBuilder out, ScrapeComparison.Result result, String format,
      Map<Target, Figures> figures) {
    out.append(String.format(Locale.ROOT,
        "| %,d | %.1f MB / %.2f MB | %s | %.2f ms | %.2f ms | %.2f ms | %.2f× | %.2f | %s / %s / %s |%n",
        result.series(), result.plainBytes() / 1e6, result.gzipBytes() / 1e6, format,
        figures.get(Target.EXPORTER).millisPerScrape(),
        figures.get(Target.BARE_UNDERTOW).millisPerScrape(),
        figures.get(Target.CLIENT_JAVA).millisPerScrape(),
        result.ratio(figures, Target.EXPORTER, Target.BARE_UNDERTOW),
        result.ratio(figures, Target.EXPORTER, Target.CLIENT_JAVA),
        bytes(figures.get(Target.EXPORTER).bytesAllocatedPerScrape()),
        bytes(figures.get(Target.BARE_UNDERTOW).bytesAllocatedPerScrape()),
        bytes(figures.get(Target.CLIENT_JAVA).bytesAllocatedPerScrape())));
  }

  private static String bytes(double bytes) {
    if (bytes >= 1e6) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
  }

  static void writeBetweenMarkers(Path file, String beginMarker, String endMarker,
      String report) throws IOException {
    String text = Files.readString(file);
    int begin = text.indexOf(beginMarker);
    int end = text.indexOf(endMarker);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(file + " has no " + beginMarker + " ... " + endMarker
          + " section");
    }
    Files.writeString(file, text.substring(0, begin + beginMarker.length()) + "\n" + report
        + text.substring(end));
  }

  private static List<Integer> integers(String list) {
    if (list.equals("none")) {
      return List.of();
    }
    return java.util.Arrays.stream(list.split(",")).map(String::trim)
        .map(Integer::parseInt).toList();
  }
}
