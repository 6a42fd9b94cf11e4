package io.virtplatform.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {

  private static final String CONFIG = """
      goldenState: {directories: [golden]}
      components:
        - name: virt-api
          namespace: kubevirt
          workloads: [{kind: Deployment, name: virt-api}]
      """;

  @TempDir
  Path dir;

  private Path configFile;
  private Path goldenFile;
  private final ConfigLoader loader = new ConfigLoader();
  private final List<LoadedConfig> loads = new CopyOnWriteArrayList<>();
  private final List<List<ConfigError>> failures = new CopyOnWriteArrayList<>();

  @BeforeEach
  void writeAWorkingConfig() throws IOException {
    configFile = Files.writeString(dir.resolve("config.yaml"), CONFIG);
    Files.createDirectories(dir.resolve("golden"));
    goldenFile = Files.writeString(dir.resolve("golden/settings.yaml"), configMap("replicas: 1"));
  }

  @Test
  void doesNothingWhileNothingChanged() {
    ConfigReloader reloader = reloader();

    assertThat(reloader.checkNow()).isFalse();
    assertThat(loads).isEmpty();
    assertThat(failures).isEmpty();
  }

  @Test
  void keepsTheLastGoodConfigOnABrokenEditAndPicksUpTheFix() throws IOException {
    ConfigReloader reloader = reloader();
    LoadedConfig initial = reloader.lastGood();

    Files.writeString(goldenFile, "apiVersion: v1\nkind: [\n");
    assertThat(reloader.checkNow()).isTrue();

    assertThat(failures).singleElement().satisfies(errors -> assertThat(errors)
        .extracting(ConfigError::toString)
        .singleElement().asString().startsWith(goldenFile + ":3: invalid YAML:"));
    assertThat(reloader.lastGood()).isSameAs(initial);
    assertThat(loads).isEmpty();
    // A broken file is reported once, not on every poll.
    assertThat(reloader.checkNow()).isFalse();

    Files.writeString(goldenFile, configMap("replicas: 3"));
    assertThat(reloader.checkNow()).isTrue();

    assertThat(loads).singleElement().isSameAs(reloader.lastGood());
    assertThat(data(reloader.lastGood())).isEqualTo(Map.of("replicas", "3"));
  }

  @Test
  void noticesAnEditThatKeepsTheFileSize() throws IOException {
    ConfigReloader reloader = reloader();

    Files.writeString(goldenFile, configMap("replicas: 2"));

    assertThat(reloader.checkNow()).isTrue();
    assertThat(data(loads.get(0))).isEqualTo(Map.of("replicas", "2"));
  }

  @Test
  void noticesAddedAndRemovedGoldenStateFiles() throws IOException {
    ConfigReloader reloader = reloader();

    Path added = Files.writeString(dir.resolve("golden/other.yml"),
        "{apiVersion: v1, kind: Namespace, metadata: {name: cdi}}\n");
    assertThat(reloader.checkNow()).isTrue();
    assertThat(loads.get(0).goldenState().size()).isEqualTo(2);

    Files.delete(added);
    assertThat(reloader.checkNow()).isTrue();
    assertThat(loads.get(1).goldenState().size()).isEqualTo(1);
  }

  @Test
  void watchesADirectoryTheConfigStartsToUseEvenIfTheFirstAttemptFails() throws IOException {
    ConfigReloader reloader = reloader();

    Files.writeString(configFile, CONFIG.replace("[golden]", "[golden, extra]"));
    assertThat(reloader.checkNow()).isTrue();
    assertThat(failures).singleElement().satisfies(errors -> assertThat(errors)
        .extracting(ConfigError::toString)
        .containsExactly(configFile + ":1: golden-state directory " + dir.resolve("extra")
            + " does not exist"));

    Files.createDirectories(dir.resolve("extra"));
    assertThat(reloader.checkNow()).isTrue();
    assertThat(loads).singleElement().satisfies(loaded -> assertThat(
        loaded.config().goldenStateDirectories()).containsExactly(
            dir.resolve("golden"), dir.resolve("extra")));
  }

  @Test
  void pollsOnItsOwnOnceStarted() throws Exception {
    CountDownLatch reloaded = new CountDownLatch(1);
    try (ConfigReloader reloader = new ConfigReloader(loader, configFile, initial(),
        loaded -> reloaded.countDown(), failures::add)) {
      reloader.start(Duration.ofMillis(10));

      Files.writeString(configFile, CONFIG.replace("virt-api", "virt-controller"));

      assertThat(reloaded.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(reloader.lastGood().config().components().get(0).name())
          .isEqualTo("virt-controller");
    }
  }

  private ConfigReloader reloader() {
    return new ConfigReloader(loader, configFile, initial(), loads::add, failures::add);
  }

  private LoadedConfig initial() {
    return ConfigLoaderTest.loaded(loader.load(configFile));
  }

  private static String configMap(String data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: cdi}\n"
        + "data: {" + data.replace(": ", ": \"") + "\"}\n";
  }

  private static Object data(LoadedConfig loaded) {
    return loaded.goldenState().objects().stream()
        .filter(object -> object.ref().kind().equals("ConfigMap"))
        .map(object -> object.desired().get("data"))
        .findFirst().orElseThrow();
  }
}
