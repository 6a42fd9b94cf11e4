package io.virtplatform.benchmarks.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.testing.MockApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The exporter as deployed: the packaged jar started with {@code java -jar} as a process of its
 * own, cold, once per run, against the benchmark's populated mock API server (which stays in this
 * JVM, warm after a first start that is not counted). JVM flag sets are interleaved in rounds,
 * each round in a rotated order; per run: process launch to stable ready, the child's CPU and
 * RSS then, its live heap after a full GC, and the time and CPU of scraping its /metrics (after
 * as many scrapes unmeasured).
 *
 * <p>Every flag set is prefixed with what a pod of {@code deploy/base} shows the JVM (one CPU,
 * 512Mi; {@link #CONTAINER}): the JVM sizes its heap, its compiler threads and its choice of
 * collector from them; then come the deployment's own JVM flags, read from {@link #DEPLOYMENT},
 * then the set's. The CPU quota itself is not enforced here.
 */
final class ColdStart {

  /** What the deployment's limits (cpu 1, memory 512Mi) show the JVM in its container. */
  static final List<String> CONTAINER = List.of("-XX:ActiveProcessorCount=1", "-XX:MaxRAM=512m");
  /** Where the deployed JVM flags are (its JAVA_TOOL_OPTIONS); every flag set starts from them. */
  static final Path DEPLOYMENT = Path.of("deploy/base/deployment.yaml");
  private static final long CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

  /** A class-data archive made by a training run of the jar before the measured runs. */
  enum Training {
    NONE, HELP, START
  }

  record FlagSet(String name, List<String> flags, Training archive) {}

  record Sample(double readySeconds, int flaps, double cpuSeconds, double rssMiB,
      double liveHeapMiB, double scrapeP50Millis, double scrapeP99Millis,
      double cpuMillisPerScrape) {}

  /**
   * The deployment's flags, then each set's own: the last occurrence of a flag wins, so
   * {@code TieredStopAtLevel=4} restores the JDK's default compilers whatever the deployment says.
   * No set names a collector but G1's and Parallel's: with one CPU the JVM chooses Serial.
   */
  static List<FlagSet> defaultFlagSets() {
    List<FlagSet> sets = new ArrayList<>();
    sets.add(new FlagSet("deploy/base as it is", List.of(), Training.NONE));
    sets.add(new FlagSet("+UseG1GC", List.of("-XX:+UseG1GC"), Training.NONE));
    sets.add(new FlagSet("+UseParallelGC", List.of("-XX:+UseParallelGC"), Training.NONE));
    sets.add(new FlagSet("TieredStopAtLevel=1 (C1 only)", List.of("-XX:TieredStopAtLevel=1"),
        Training.NONE));
    sets.add(new FlagSet("TieredStopAtLevel=4 (C1 then C2, the JDK's default)",
        List.of("-XX:TieredStopAtLevel=4"), Training.NONE));
    sets.add(new FlagSet("AppCDS trained on --help", List.of(), Training.HELP));
    sets.add(new FlagSet("AppCDS trained on a start", List.of(), Training.START));
    sets.add(new FlagSet("AppCDS trained on a start, TieredStopAtLevel=1",
        List.of("-XX:TieredStopAtLevel=1"), Training.START));
    return sets;
  }

  private final int managed;
  private final int rounds;
  private final int scrapes;
  private final Path jar;
  private final List<FlagSet> flagSets;
  private final List<String> deployed;

  ColdStart(int managed, int rounds, int scrapes, Path jar, List<FlagSet> flagSets) {
    this.managed = managed;
    this.rounds = rounds;
    this.scrapes = scrapes;
    this.jar = jar.toAbsolutePath();
    this.flagSets = flagSets;
    try {
      this.deployed = deployedFlags(DEPLOYMENT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JVM flags of " + DEPLOYMENT, e);
    }
  }

  /** The exporter container's JAVA_TOOL_OPTIONS in {@code deployment}, split at spaces. */
  static List<String> deployedFlags(Path deployment) throws IOException {
    JsonNode container = new ObjectMapper(new YAMLFactory()).readTree(deployment.toFile())
        .at("/spec/template/spec/containers/0");
    for (JsonNode env : container.path("env")) {
      if (env.path("name").asText().equals("JAVA_TOOL_OPTIONS")) {
        return List.of(env.path("value").asText().trim().split("\\s+"));
      }
    }
    throw new IllegalStateException(deployment + " sets no JAVA_TOOL_OPTIONS");
  }

  /** Runs every flag set {@code rounds} times and returns the report in Markdown. */
  String run() throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; benchmarks/run.sh builds it");
    }
    Path folder = Files.createTempDirectory("cold-start-");
    try (MockApiServer server = IndexedCrudDispatcher.newServer();
        KubernetesClient seed = server.newClient()) {
      Path config = ClusterRun.populate(seed, folder, managed);
      Path kubeconfig = writeKubeconfig(folder, server.url());
      String loadBefore = loadAverage();
      Map<Training, Path> archives = new LinkedHashMap<>();
      archives.put(Training.HELP, trainOnHelp(folder));
      // The first start also warms the mock up, so it is not counted.
      Path startArchive = folder.resolve("start.jsa");
      Child training = new Child(folder, "training", config, kubeconfig,
          List.of("-XX:ArchiveClassesAtExit=" + startArchive));
      training.awaitReady();
      training.stop();
      requireArchive(startArchive);
      archives.put(Training.START, startArchive);

      Map<FlagSet, List<Sample>> samples = new LinkedHashMap<>();
      flagSets.forEach(set -> samples.put(set, new ArrayList<>()));
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < flagSets.size(); i++) {
          FlagSet set = flagSets.get((i + round) % flagSets.size());
          List<String> flags = new ArrayList<>(set.flags());
          if (set.archive() != Training.NONE) {
            flags.add("-XX:SharedArchiveFile=" + archives.get(set.archive()));
          }
          Sample sample = measure(new Child(folder, "run", config, kubeconfig, flags));
          samples.get(set).add(sample);
          ClusterRun.log("round %d, %s: ready %.2f s, %d flaps, CPU %.1f s, RSS %.0f MiB, live"
                  + " heap %.0f MiB, scrape p50 %.2f ms p99 %.2f ms, %.2f ms CPU per scrape",
              round + 1, set.name(), sample.readySeconds, sample.flaps, sample.cpuSeconds,
              sample.rssMiB, sample.liveHeapMiB, sample.scrapeP50Millis, sample.scrapeP99Millis,
              sample.cpuMillisPerScrape);
        }
      }
      return report(samples, loadBefore, loadAverage());
    } finally {
      ClusterRun.deleteRecursively(folder);
    }
  }

  private Sample measure(Child child) throws Exception {
    try {
      ClusterRun.Readiness readiness = child.awaitReady();
      double cpu = child.cpuSeconds();
      double rss = child.rssMiB();
      double liveHeap = child.liveHeapMiB();
      HttpScraper metrics = new HttpScraper(child.base + "/metrics", false);
      // As many scrapes unmeasured first: the steady state, once the scrape path is compiled
      // (by C2, or by C1 alone with TieredStopAtLevel=1), is what the flags must not worsen.
      for (int i = 0; i < scrapes; i++) {
        metrics.fetch();
      }
      List<Double> millis = new ArrayList<>();
      double cpuBefore = child.cpuSeconds();
      for (int i = 0; i < scrapes; i++) {
        long start = System.nanoTime();
        if (metrics.fetch() != 200) {
          throw new IllegalStateException("/metrics answered " + metrics.text());
        }
        millis.add((System.nanoTime() - start) / 1e6);
      }
      double cpuPerScrape = (child.cpuSeconds() - cpuBefore) * 1e3 / scrapes;
      return new Sample(readiness.readySeconds(), readiness.flaps(), cpu, rss, liveHeap,
          Stats.median(millis), Stats.percentile(millis, 99), cpuPerScrape);
    } finally {
      child.stop();
    }
  }

  /** The exporter's jar in a process of its own, started on construction. */
  private final class Child {
    final Process process;
    final long startNanos;
    final String base;
    final Path log;

    Child(Path folder, String what, Path config, Path kubeconfig, List<String> flags)
        throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      List<String> command = new ArrayList<>();
      command.add(javaTool("java"));
      command.addAll(CONTAINER);
      command.addAll(deployed);
      command.addAll(flags);
      command.addAll(List.of("-jar", jar.toString(), "--kubeconfig", kubeconfig.toString(),
          "--config", config.toString(), "--listen", "127.0.0.1:" + port));
      log = folder.resolve(what + "-" + port + ".log");
      base = "http://127.0.0.1:" + port;
      startNanos = System.nanoTime();
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
    }

    ClusterRun.Readiness awaitReady() throws Exception {
      HttpScraper readyz = new HttpScraper(base + "/readyz", false);
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the exporter exited with " + process.exitValue()
              + "; its log:\n" + Files.readString(log));
        }
        try {
          readyz.fetch();
          break;
        } catch (UncheckedIOException notListeningYet) {
          Thread.sleep(10);
        }
      }
      return ClusterRun.awaitStableReadiness(base, startNanos, managed);
    }

    /** User and system CPU of the process so far, from /proc/PID/stat (fields 14 and 15). */
    double cpuSeconds() throws IOException {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
          / (double) CLOCK_TICKS_PER_SECOND;
    }

    double rssMiB() throws IOException {
      try (Stream<String> lines = Files.lines(
          Path.of("/proc", Long.toString(process.pid()), "status"))) {
        String line = lines.filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }

    /** The heap's live objects: {@code jcmd GC.class_histogram} collects fully, then counts. */
    double liveHeapMiB() throws Exception {
      String histogram = runTool(javaTool("jcmd"), Long.toString(process.pid()),
          "GC.class_histogram");
      String total = histogram.lines().filter(l -> l.startsWith("Total")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no total in " + histogram));
      String[] columns = total.trim().split("\\s+");
      return Long.parseLong(columns[2]) / 1048576.0;
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private Path trainOnHelp(Path folder) throws Exception {
    Path archive = folder.resolve("help.jsa");
    List<String> command = new ArrayList<>(List.of(javaTool("java")));
    command.addAll(CONTAINER);
    command.addAll(deployed);
    command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(),
        "--help"));
    runTool(command.toArray(String[]::new));
    requireArchive(archive);
    return archive;
  }

  private static void requireArchive(Path archive) {
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the training run wrote no " + archive);
    }
  }

  private static Path writeKubeconfig(Path folder, String url) throws IOException {
    Path file = folder.resolve("kubeconfig");
    Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters: [{name: mock, cluster: {server: \"" + url + "\"}}]",
        "users: [{name: mock, user: {}}]",
        "contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]",
        "current-context: mock", ""));
    return file;
  }

  private static String javaTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String runTool(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private String report(Map<FlagSet, List<Sample>> samples, String loadBefore,
      String loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Cold start, %s, %,d managed objects, %d rounds,"
            + " Java %s, commit %s; load average (1, 5, 15 min) %s before, %s after. Every set"
            + " runs with `%s %s` (`deploy/base`'s limits as the JVM sees them, and its"
            + " JAVA_TOOL_OPTIONS). Median (min–max) of the rounds.%n%n",
        Instant.now().truncatedTo(ChronoUnit.MINUTES), managed, rounds,
        System.getProperty("java.version"), System.getProperty("benchmark.commit", "unknown"),
        loadBefore, loadAfter, String.join(" ", CONTAINER), String.join(" ", deployed)));
    out.append("| flags | start to stable ready | readiness flaps | CPU to ready + 2 s | RSS then"
        + " | live heap (full GC) | scrape of /metrics p50 / p99 | CPU per scrape |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    samples.forEach((set, list) -> out.append(String.format(Locale.ROOT,
        "| %s | %s s | %d | %s s | %s MiB | %s MiB | %.2f / %.2f ms | %.2f ms |%n",
        set.name(), spread(list, Sample::readySeconds, "%.2f"),
        list.stream().mapToInt(Sample::flaps).sum(), spread(list, Sample::cpuSeconds, "%.1f"),
        spread(list, Sample::rssMiB, "%.0f"), spread(list, Sample::liveHeapMiB, "%.0f"),
        median(list, Sample::scrapeP50Millis), median(list, Sample::scrapeP99Millis),
        median(list, Sample::cpuMillisPerScrape))));
    return out.toString();
  }

  private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
    return Stats.median(samples.stream().map(s -> value.applyAsDouble(s)).toList());
  }

  private static String spread(List<Sample> samples, ToDoubleFunction<Sample> value,
      String format) {
    List<Double> values = samples.stream().map(s -> value.applyAsDouble(s)).toList();
    return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")",
        Stats.median(values), Stats.percentile(values, 0), Stats.percentile(values, 100));
  }
}
