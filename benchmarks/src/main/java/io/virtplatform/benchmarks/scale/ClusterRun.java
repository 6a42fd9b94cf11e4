package io.virtplatform.benchmarks.scale;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.testing.MockApiServer;
import io.virtplatform.exporter.runtime.ExporterRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One exporter, started in this process against a mock API server holding N managed objects and
 * the platform around them: time to stable readiness, heap per watched object, and the latency
 * from a patch's response to the change on /metrics under a steady stream of patches.
 */
final class ClusterRun {

  record Figures(int managed, int clusterObjects, int watchedObjects, double readySeconds,
      double completeSeconds, int readinessFlaps, double heapMiB, double heapBytesPerWatchedObject,
      int updates, int updatesSeen, double latencyP50Millis, double latencyP99Millis,
      double latencyMaxMillis, double pollMillis,
      double patchP50Millis, double patchP99Millis, double watchP50Millis,
      double watchP99Millis, double exporterP50Millis, double exporterP99Millis) {}

  private static final String COMPLIANCE_PREFIX =
      "virt_platform_compliance_status{kind=\"ConfigMap\",name=\"";
  private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final int managed;
  private final int updatesPerSecond;
  private final int updateSeconds;

  ClusterRun(int managed, int updatesPerSecond, int updateSeconds) {
    this.managed = managed;
    this.updatesPerSecond = updatesPerSecond;
    this.updateSeconds = updateSeconds;
  }

  Figures run() throws Exception {
    Path folder = Files.createTempDirectory("scale-benchmark-");
    try (MockApiServer server = IndexedCrudDispatcher.newServer();
        KubernetesClient seed = server.newClient()) {
      Path configFile = populate(seed, folder, managed);

      long heapBefore = settledHeapAfterFullGc();
      ExporterPhase phase = runExporter(server, seed, configFile, heapBefore);
      Readiness readiness = phase.readiness();
      UpdateLatency latency = phase.latency();
      long heapWith = phase.heapWith();
      // What the exporter holds is what closing it frees, with the mock exactly as it was (the
      // difference with the heap before its start also counted leftovers of the population that
      // went meanwhile). runExporter's frame is gone, so nothing of the exporter stays reachable.
      long heapWithout = settledHeapAfterFullGc();
      double heapMiB = (heapWith - heapWithout) / 1048576.0;
      int watched = PlatformPopulation.watchedObjects(managed);
      log("N=%,d: the exporter held %.1f MiB (%.1f MiB more than before its start)", managed,
          heapMiB, (heapWith - heapBefore) / 1048576.0);
      return new Figures(managed, managed + PlatformPopulation.platformObjects(managed)
          + PlatformPopulation.NAMESPACES, watched, readiness.readySeconds,
          readiness.completeSeconds, readiness.flaps, heapMiB,
          (heapWith - heapWithout) / (double) watched, latency.sent, latency.millis.size(),
          Stats.percentile(latency.millis, 50), Stats.percentile(latency.millis, 99),
          Stats.percentile(latency.millis, 100), Stats.median(latency.pollMillis),
          Stats.percentile(latency.patchMillis, 50), Stats.percentile(latency.patchMillis, 99),
          Stats.percentile(latency.watchMillis, 50), Stats.percentile(latency.watchMillis, 99),
          Stats.percentile(latency.exporterMillis, 50),
          Stats.percentile(latency.exporterMillis, 99));
    } finally {
      deleteRecursively(folder);
    }
  }

  /**
   * Fills the mock behind {@code seed} with {@code managed} objects and their platform, and
   * writes the golden state and a config that reads it into {@code folder}; returns the config.
   */
  static Path populate(KubernetesClient seed, Path folder, int managed)
      throws IOException, InterruptedException {
    Path configFile = writeConfig(folder);
    LoadedConfig probe = (LoadedConfig) new ConfigLoader().load(configFile);
    long populateStart = System.nanoTime();
    PlatformPopulation population = new PlatformPopulation(seed, managed);
    population.createCrds(probe.config().dependencies());
    population.populate(folder.resolve("golden"));
    double populateSeconds = seconds(System.nanoTime() - populateStart);
    log("populated %,d managed + %,d platform objects in %.1f s", managed,
        PlatformPopulation.platformObjects(managed), populateSeconds);
    return configFile;
  }

  private record ExporterPhase(Readiness readiness, UpdateLatency latency, long heapWith) {}

  /** Starts an exporter, waits for it to be ready, measures the updates, and closes it. */
  private ExporterPhase runExporter(MockApiServer server, KubernetesClient seed, Path configFile,
      long heapBefore) throws Exception {
    CpuUse cpuBefore = CpuUse.now();
    long start = System.nanoTime();
    try (KubernetesClient exporterClient = server.newClient();
        ExporterRuntime runtime = startExporter(exporterClient, configFile)) {
      String base = "http://127.0.0.1:" + runtime.port();
      Readiness readiness = awaitStableReadiness(base, start, managed);
      CpuUse cpu = CpuUse.now().minus(cpuBefore);
      log("N=%,d: from the start to 2 s after stable ready the JVM (exporter, mock and this"
              + " benchmark) used %.1f s of CPU; collectors reported %.1f s, the JIT compiled"
              + " for %.1f s", managed, cpu.processSeconds, cpu.gcSeconds, cpu.jitSeconds);
      long heapReady = settledHeapAfterFullGc();
      log("N=%,d: ready after %.2f s, all compliance series after %.2f s, heap +%.0f MiB"
          + " since before the start", managed, readiness.readySeconds,
          readiness.completeSeconds, (heapReady - heapBefore) / 1048576.0);
      UpdateLatency latency = measureUpdateLatency(seed, base);
      return new ExporterPhase(readiness, latency, settledHeapAfterFullGc());
    }
  }

  /** Loads the config and starts an exporter; nothing of the config stays referenced here. */
  private static ExporterRuntime startExporter(KubernetesClient client, Path configFile)
      throws Exception {
    LoadResult loaded = new ConfigLoader().load(configFile);
    if (!(loaded instanceof LoadedConfig config)) {
      throw new IllegalStateException("benchmark config does not load: " + loaded.errors());
    }
    return ExporterRuntime.start(client, config, null, new InetSocketAddress("127.0.0.1", 0),
        Clock.systemUTC());
  }

  private static Path writeConfig(Path folder) throws IOException {
    String defaults;
    try (InputStream in = ConfigLoader.class.getResourceAsStream(
        "/" + ConfigLoader.DEFAULT_CONFIG_RESOURCE)) {
      defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String goldenNone = "goldenState:\n  directories: []";
    if (!defaults.contains(goldenNone)) {
      throw new IllegalStateException("the bundled default config changed; adapt the benchmark");
    }
    Files.createDirectories(folder.resolve("golden"));
    Path configFile = folder.resolve("config.yaml");
    Files.writeString(configFile,
        defaults.replace(goldenNone, "goldenState:\n  directories: [golden]"));
    return configFile;
  }

  record Readiness(double readySeconds, double completeSeconds, int flaps) {}

  /**
   * Polls /readyz every 10 ms from the start, and /metrics until every managed object has its
   * compliance series; ready is the last change of /readyz to 200, once it stayed 200 for 2 s.
   */
  static Readiness awaitStableReadiness(String base, long start, int managed)
      throws InterruptedException {
    HttpScraper readyz = new HttpScraper(base + "/readyz", false);
    HttpScraper metrics = new HttpScraper(base + "/metrics", false);
    long readySince = -1;
    long complete = -1;
    int flaps = 0;
    long deadline = start + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      boolean ready = readyz.fetch() == 200;
      long now = System.nanoTime();
      if (ready && readySince < 0) {
        readySince = now;
      } else if (!ready && readySince >= 0) {
        readySince = -1;
        flaps++;
      }
      if (ready && complete < 0) {
        metrics.fetch();
        if (complianceSeries(metrics.text()).size() == managed) {
          complete = System.nanoTime();
        }
      }
      if (complete >= 0 && readySince >= 0 && now - readySince >= STABLE_NANOS
          && now - complete >= STABLE_NANOS) {
        return new Readiness(seconds(readySince - start), seconds(complete - start), flaps);
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("not ready with all series within 10 minutes");
  }

  /** An update not yet seen on /metrics: its key ({@code name#n}) and compliance value. */
  private record Pending(String key, String value, long respondedNanos) {}

  private static final class UpdateLatency {
    final List<Double> millis = new ArrayList<>();
    final List<Double> pollMillis = new ArrayList<>();
    /** Event on a watch of our own to the change on /metrics: the exporter's part. */
    final List<Double> exporterMillis = new ArrayList<>();
    /** Patch response to the event on a watch of our own: the API server's part. */
    final List<Double> watchMillis = new ArrayList<>();
    final List<Double> patchMillis = java.util.Collections.synchronizedList(new ArrayList<>());
    int sent;
  }

  /**
   * Patches managed ConfigMaps, drifted and back, at a steady rate from a pool of clients threads,
   * while one thread scrapes /metrics back to back. An update's latency is from its patch's
   * response to the end of the first scrape that shows its new compliance value: an upper bound,
   * late by at most one scrape (the poll time in the table). The same update's arrival on a
   * watch of the benchmark's own splits it into the API server's part (patch response to event)
   * and the exporter's (event to /metrics, as its own watch gets the event about then too).
   */
  private UpdateLatency measureUpdateLatency(KubernetesClient client, String base)
      throws InterruptedException {
    Map<String, Pending> pending = new ConcurrentHashMap<>();
    UpdateLatency result = new UpdateLatency();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    int[] patches = new int[managed];
    Map<String, Long> respondedAt = new ConcurrentHashMap<>();
    Map<String, Long> watchedAt = new ConcurrentHashMap<>();
    Map<String, Long> visibleAt = new HashMap<>();
    Watch watch = watchModifications(client, watchedAt);
    ExecutorService patchers = Executors.newFixedThreadPool(8);
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    int total = updatesPerSecond * updateSeconds;
    pace.scheduleAtFixedRate(() -> {
      int update = next.getAndIncrement();
      if (update >= total) {
        return;
      }
      patchers.execute(() -> {
        try {
          long sentAt = System.nanoTime();
          patch(client, update, patches, pending, respondedAt);
          result.patchMillis.add((System.nanoTime() - sentAt) / 1e6);
        } catch (RuntimeException e) {
          ClusterRun.log("patch %d failed: %s", update, e);
        } finally {
          answered.incrementAndGet();
        }
      });
    }, 0, TimeUnit.SECONDS.toNanos(1) / updatesPerSecond, TimeUnit.NANOSECONDS);

    HttpScraper metrics = new HttpScraper(base + "/metrics", false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(updateSeconds + 10L);
    while (System.nanoTime() < deadline && (answered.get() < total || !pending.isEmpty())) {
      long scrapeStart = System.nanoTime();
      metrics.fetch();
      long scrapeEnd = System.nanoTime();
      result.pollMillis.add((scrapeEnd - scrapeStart) / 1e6);
      if (pending.isEmpty()) {
        continue;
      }
      Map<String, String> values = complianceSeries(metrics.text());
      for (Map.Entry<String, Pending> entry : pending.entrySet()) {
        Pending update = entry.getValue();
        if (update.value.equals(values.get(entry.getKey()))
            && pending.remove(entry.getKey(), update)) {
          result.millis.add(Math.max(0, scrapeEnd - update.respondedNanos) / 1e6);
          visibleAt.put(update.key, scrapeEnd);
        }
      }
    }
    pace.shutdownNow();
    patchers.shutdown();
    patchers.awaitTermination(30, TimeUnit.SECONDS);
    result.sent = answered.get();
    watch.close();
    respondedAt.forEach((update, responded) -> {
      Long watched = watchedAt.get(update);
      if (watched != null) {
        result.watchMillis.add(Math.max(0, watched - responded) / 1e6);
        Long visible = visibleAt.get(update);
        if (visible != null) {
          result.exporterMillis.add(Math.max(0, visible - watched) / 1e6);
        }
      }
    });
    return result;
  }

  private void patch(KubernetesClient client, int update, int[] patches,
      Map<String, Pending> pending, Map<String, Long> respondedAt) {
    // Stride through the objects so that one object is never patched twice in a row.
    int i = (int) ((update * 7919L) % managed);
    int patch;
    synchronized (patches) {
      patch = ++patches[i];
    }
    boolean drift = patch % 2 == 1;
    String value = drift ? PlatformPopulation.DRIFTED_VALUE : PlatformPopulation.GOLDEN_VALUE;
    client.configMaps().inNamespace(ScrapeComparison.namespace(i))
        .withName(ScrapeComparison.name(i))
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"data\":{\"" + PlatformPopulation.FLIPPED_KEY + "\":\"" + value + "\"}}");
    long now = System.nanoTime();
    respondedAt.put(ScrapeComparison.name(i) + "#" + patch, now);
    Pending previous = pending.put(ScrapeComparison.name(i),
        new Pending(ScrapeComparison.name(i) + "#" + patch, drift ? "0" : "1", now));
    if (previous != null) {
      log("%s patched again before its last change showed", ScrapeComparison.name(i));
    }
  }

  /** Records when the n-th modification of each managed ConfigMap arrives, as {@code name#n}. */
  private static Watch watchModifications(KubernetesClient client, Map<String, Long> watchedAt) {
    Map<String, Integer> modifications = new ConcurrentHashMap<>();
    return client.configMaps().inAnyNamespace().watch(new Watcher<ConfigMap>() {
      @Override
      public void eventReceived(Action action, ConfigMap configMap) {
        long now = System.nanoTime();
        String name = configMap.getMetadata().getName();
        if (action == Action.MODIFIED) {
          watchedAt.put(name + "#" + modifications.merge(name, 1, Integer::sum), now);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }

  /** Compliance value by ConfigMap name. */
  private static Map<String, String> complianceSeries(String text) {
    Map<String, String> values = new HashMap<>();
    int at = text.indexOf(COMPLIANCE_PREFIX);
    while (at >= 0) {
      int nameEnd = text.indexOf('"', at + COMPLIANCE_PREFIX.length());
      int lineEnd = text.indexOf('\n', nameEnd);
      values.put(text.substring(at + COMPLIANCE_PREFIX.length(), nameEnd),
          text.substring(text.lastIndexOf(' ', lineEnd) + 1, lineEnd));
      at = text.startsWith(COMPLIANCE_PREFIX, lineEnd + 1) ? lineEnd + 1
          : text.indexOf(COMPLIANCE_PREFIX, lineEnd);
    }
    return values;
  }

  /**
   * The CPU the whole JVM used, and what the collectors and the JIT compiler report for
   * themselves (their threads are not Java threads, so a Java profiler does not see them): on a
   * shared machine CPU time says more about a start-up than the time to ready does.
   */
  private record CpuUse(double processSeconds, double gcSeconds, double jitSeconds) {
    static CpuUse now() {
      long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
      return new CpuUse(((com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9,
          gcMillis / 1e3, ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3);
    }

    CpuUse minus(CpuUse before) {
      return new CpuUse(processSeconds - before.processSeconds, gcSeconds - before.gcSeconds,
          jitSeconds - before.jitSeconds);
    }
  }

  /**
   * The live heap once work in flight is done: the least of five measurements a second apart.
   * Right after the population, or after readiness (a list the client is reading again after a
   * timeout, watch events queued behind it), such work can hold tens of MiB for a few seconds:
   * single measurements of the exporter at 10k objects ranged from 21 to 85 MiB over seven runs.
   */
  static long settledHeapAfterFullGc() throws InterruptedException {
    long least = heapAfterFullGc();
    for (int i = 0; i < 4; i++) {
      Thread.sleep(1000);
      least = Math.min(least, heapAfterFullGc());
    }
    return least;
  }

  static long heapAfterFullGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static void log(String format, Object... args) {
    System.err.printf(format + "%n", args);
  }

  static void deleteRecursively(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
