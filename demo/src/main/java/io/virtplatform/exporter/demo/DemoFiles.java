package io.virtplatform.exporter.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes the demo's config, golden state and kubeconfig to a temporary folder, so the demo runs the same file
 * loading and reloading as a real deployment, and a user can edit the files and watch the reload.
 * The config is the bundled default config with the demo's golden state and tombstones and a one-minute edit-war
 * window, so a scripted war starts and ends while someone watches.
 */
public final class DemoFiles {

  private static final List<String> GOLDEN_FILES = List.of("kubevirt.yaml", "cdi.yaml",
      "platform.yaml");
  private static final String GOLDEN_DIR = "golden-state";
  private static final List<String> TOMBSTONE_FILES = List.of("retired.yaml");
  private static final String TOMBSTONE_DIR = "tombstones";

  private DemoFiles() {}

  /** Writes the files and returns the config file's path. */
  public static Path write(Path dir) {
    try {
      Path golden = Files.createDirectories(dir.resolve(GOLDEN_DIR));
      for (String name : GOLDEN_FILES) {
        Files.writeString(golden.resolve(name), resource("/demo/golden-state/" + name));
      }
      Path tombstones = Files.createDirectories(dir.resolve(TOMBSTONE_DIR));
      for (String name : TOMBSTONE_FILES) {
        Files.writeString(tombstones.resolve(name), resource("/demo/tombstones/" + name));
      }
      Path config = dir.resolve("config.yaml");
      Files.writeString(config, demoConfig(resource("/default-config.yaml")));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo files to " + dir, e);
    }
  }

  /** Writes a kubeconfig for the simulated cluster at {@code apiServerUrl} and returns its path. */
  public static Path writeKubeconfig(Path dir, String apiServerUrl) {
    Map<String, Object> kubeconfig = new LinkedHashMap<>();
    kubeconfig.put("apiVersion", "v1");
    kubeconfig.put("kind", "Config");
    kubeconfig.put("clusters", List.of(Map.of("name", "demo", "cluster",
        Map.of("server", apiServerUrl))));
    kubeconfig.put("users", List.of(Map.of("name", "demo", "user", Map.of())));
    kubeconfig.put("contexts", List.of(Map.of("name", "demo", "context",
        Map.of("cluster", "demo", "user", "demo", "namespace", "default"))));
    kubeconfig.put("current-context", "demo");
    Path file = dir.resolve("kubeconfig.yaml");
    try {
      Files.writeString(file, new Yaml().dump(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo kubeconfig to " + dir, e);
    }
    return file;
  }

  private static String demoConfig(String defaultConfig) {
    Map<String, Object> config = new LinkedHashMap<>(new Yaml().load(defaultConfig));
    config.put("goldenState", Map.of("directories", List.of(GOLDEN_DIR),
        "tombstones", List.of(TOMBSTONE_DIR)));
    config.put("editWar", Map.of("window", "1m", "minTransitions", 6));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return "# Written by the demo: the bundled default config with the demo's golden state and a"
        + " one-minute edit-war window.\n" + new Yaml(options).dump(config);
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = DemoFiles.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("bundled resource " + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
