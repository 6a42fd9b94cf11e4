package io.virtplatform.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.testing.RandomInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Whatever text the config and golden-state files hold, loading ends in a config or in errors
 * that each name one of the files and a line in it; no exception escapes.
 */
class LoaderPropertiesTest {

  private static final String CONFIG = """
      goldenState:
        directories: [golden]
      namespaceOverrides: {kubevirt: openshift-cnv}
      components:
        - name: virt-api
          namespace: kubevirt
          workloads:
            - {kind: Deployment, name: virt-api}
            - kind: DaemonSet
              matchLabels: {kubevirt.io: virt-handler}
      dependencies:
        - {group: kubevirt.io, version: v1, kind: KubeVirt}
        - {group: "", version: v1, kind: ConfigMap}
      editWar: {window: 10m, minTransitions: 6}
      diagnostics:
        webhooks:
          namePatterns: ["*.kubevirt.io", "*kruise*"]
          labelSelectors: [{app: x}]
        dataVolumes: {stuckAfter: 1h}
        lifecycle:
          terminatingAfter: 15m
          kinds: [{group: kubevirt.io, version: v1, kind: VirtualMachine}]
      """;

  private static final String GOLDEN = """
      apiVersion: kubevirt.io/v1
      kind: KubeVirt
      metadata:
        name: kubevirt
        namespace: kubevirt
        labels: &labels {app: kubevirt}
      spec:
        configuration:
          developerConfiguration:
            featureGates: [Snapshot, HotplugVolumes]
        replicas: 2
        when: 2024-01-01
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: kubevirt, labels: *labels}
      data: {mode: "fast", "1": one}
      """;

  @TempDir Path dir;

  @Test
  void mutatedFilesLoadOrFailWithFileAndLine() {
    RandomInputs.forEachSeed(300, seed -> {
      RandomInputs random = new RandomInputs(seed);
      String config = random.chance(30) ? CONFIG : random.mutate(CONFIG, 1 + random.nextInt(6));
      String golden = random.chance(30) ? GOLDEN : random.mutate(GOLDEN, 1 + random.nextInt(6));
      checkLoad(config, golden);
    });
  }

  @Test
  void arbitraryTextLoadsOrFailsWithFileAndLine() {
    RandomInputs.forEachSeed(300, seed -> {
      RandomInputs random = new RandomInputs(seed);
      String config = random.chance(50) ? CONFIG : random.anyString(200);
      String golden = random.anyString(200);
      checkLoad(config, golden);
    });
  }

  /**
   * The valid config with the value of one random key replaced by a random value of any shape:
   * nothing, a number, a list where a mapping belongs, an absurd duration...
   */
  @Test
  void anyValueAtAnyKeyLoadsOrFailsWithFileAndLine() {
    Yaml yaml = new Yaml();
    RandomInputs.forEachSeed(300, seed -> {
      RandomInputs random = new RandomInputs(seed);
      Map<String, Object> config = yaml.load(CONFIG);
      replaceRandomValue(config, random);
      String text;
      try {
        text = yaml.dump(config);
      } catch (YAMLException unprintable) {
        return; // a random string YAML cannot hold, such as a lone surrogate: nothing to load
      }
      checkLoad(text, GOLDEN);
    });
  }

  @SuppressWarnings("unchecked")
  private static void replaceRandomValue(Map<String, Object> root, RandomInputs random) {
    Object node = root;
    while (true) {
      if (node instanceof Map<?, ?> map && !map.isEmpty()) {
        Object key = random.pick(List.copyOf(map.keySet()));
        if (random.chance(35) || !(map.get(key) instanceof Map || map.get(key) instanceof List)) {
          ((Map<Object, Object>) map).put(key, randomValue(random));
          return;
        }
        node = map.get(key);
      } else if (node instanceof List<?> list && !list.isEmpty()) {
        int index = random.nextInt(list.size());
        if (random.chance(35)) {
          ((List<Object>) list).set(index, randomValue(random));
          return;
        }
        node = list.get(index);
      } else {
        return;
      }
    }
  }

  private static Object randomValue(RandomInputs random) {
    return random.chance(40)
        ? random.pick(List.<Object>of("100000000000000h", "0s", "-1m", "24h1ms", "", "Pod", "a*",
            "*".repeat(12), "Kube_Virt", Integer.MAX_VALUE, -1, 2.5, true))
        : random.jsonValue(2);
  }

  private void checkLoad(String configText, String goldenText) {
    Path config = write("config.yaml", configText);
    Path golden = write("golden/objects.yaml", goldenText);
    Map<Path, String> texts = Map.of(config, read(config), golden, read(golden));

    LoadResult result = new ConfigLoader().load(config);

    if (result instanceof LoadFailure failure) {
      assertThat(failure.errors()).isNotEmpty().allSatisfy(error -> {
        assertThat(texts).containsKey(error.location().file());
        assertThat(error.location().line())
            .isBetween(1, lineBreaks(texts.get(error.location().file())) + 1);
        assertThat(error.message()).isNotBlank();
        assertThat(error.toString()).as("one line")
            .doesNotContainPattern("[\\r\\n\\u0085\\u2028\\u2029]");
      });
    } else {
      assertThat(result).isInstanceOf(LoadedConfig.class);
    }
  }

  /** Line breaks as YAML counts them: CR LF, CR, LF, NEL, LS and PS. */
  private static int lineBreaks(String text) {
    return text.replace("\r\n", "\n").replaceAll("[\r\n\u0085\u2028\u2029]", "\n")
        .split("\n", -1).length - 1;
  }

  /** As UTF-8; a lone surrogate becomes '?', as any editor would save it. */
  private Path write(String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
