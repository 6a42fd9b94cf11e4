package io.virtplatform.exporter.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the demo's config and golden state to a temporary folder, so the demo runs the same file
 * loading and reloading as a real deployment, and a user can edit the files and watch the reload.
 * The config is the bundled default config plus the demo's golden state and a one-minute edit-war
 * window, so a scripted war starts and ends while someone watches.
 */
public final class DemoFiles {

  private static final List<String> GOLDEN_FILES = List.of("kubevirt.yaml", "cdi.yaml",
      "platform.yaml");
  private static final String DEMO_ADDITIONS = """

      # Added by --demo: the demo's golden state, and a short edit-war window.
      goldenState:
        directories: [golden-state]
      editWar:
        window: 1m
        minTransitions: 6
      """;

  private DemoFiles() {}

  /** Writes the files and returns the config file's path. */
  public static Path write(Path dir) {
    try {
      Path golden = Files.createDirectories(dir.resolve("golden-state"));
      for (String name : GOLDEN_FILES) {
        Files.writeString(golden.resolve(name), resource("/demo/golden-state/" + name));
      }
      Path config = dir.resolve("config.yaml");
      Files.writeString(config, resource("/default-config.yaml") + DEMO_ADDITIONS);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo files to " + dir, e);
    }
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
