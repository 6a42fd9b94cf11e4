package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.ConfigFileParser.GoldenDirectory;
import io.virtplatform.exporter.config.ConfigFileParser.ParsedConfig;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads the exporter config file and the golden state it points to. Never throws for bad input:
 * every problem in every file comes back as a {@link ConfigError}.
 */
public final class ConfigLoader {

  /** The config bundled with the exporter, used when no config file is given. */
  public static final String DEFAULT_CONFIG_RESOURCE = "default-config.yaml";

  public LoadResult load(Path configFile) {
    List<Path> watched = new ArrayList<>(List.of(configFile));
    String text;
    try {
      text = Files.readString(configFile);
    } catch (IOException e) {
      return new LoadFailure(
          List.of(ConfigError.inFile(configFile,
              "cannot read config file: " + FileProblems.describe(e))),
          watched);
    }
    Path folder = configFile.getParent() == null ? Path.of("") : configFile.getParent();
    return load(configFile, text, folder, watched);
  }

  /** The bundled config; it has no golden-state directories, so nothing on disk is read. */
  public LoadResult loadDefault() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/" + DEFAULT_CONFIG_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_CONFIG_RESOURCE + " is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return load(Path.of(DEFAULT_CONFIG_RESOURCE), text, Path.of(""), new ArrayList<>());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private LoadResult load(Path file, String text, Path folder, List<Path> watched) {
    List<ConfigError> errors = new ArrayList<>();
    List<Node> documents = YamlDocuments.compose(file, text, errors);
    ParsedConfig parsed =
        new ConfigFileParser(new NodeReader(file, errors), folder).parse(documents);
    List<GoldenObject> objects =
        new GoldenStateLoader(parsed.namespaceOverrides(), errors, watched)
            .load(parsed.goldenDirectories(), parsed.tombstoneDirectories(), file);
    if (!errors.isEmpty()) {
      return new LoadFailure(inReadingOrder(errors), watched);
    }
    ExporterConfig config = new ExporterConfig(
        parsed.goldenDirectories().stream().map(GoldenDirectory::path).toList(),
        parsed.components(),
        parsed.dependencies(),
        parsed.editWar(),
        parsed.diagnostics());
    return new LoadedConfig(config, new GoldenState(objects), watched);
  }

  /**
   * Files in the order they were read, each file's errors top to bottom, although checks that
   * span a file (unknown keys, duplicates) find them in another order.
   */
  private static List<ConfigError> inReadingOrder(List<ConfigError> errors) {
    Map<Path, List<ConfigError>> byFile = new LinkedHashMap<>();
    errors.forEach(e -> byFile.computeIfAbsent(e.location().file(), f -> new ArrayList<>()).add(e));
    return byFile.values().stream()
        .flatMap(inFile -> inFile.stream().sorted(Comparator.comparingInt(e -> e.location().line())))
        .toList();
  }
}
