package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.ConfigFileParser.GoldenDirectory;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Loads every object of the golden-state directories, reporting every problem it finds. */
final class GoldenStateLoader {

  /**
   * Two documents describe the same object when these match; the version is left out because the
   * API server serves one object under all versions of its group.
   */
  private record Identity(String group, String kind, String namespace, String name) {
    static Identity of(ResourceRef ref) {
      return new Identity(ref.gvk().group(), ref.kind(), ref.namespace(), ref.name());
    }
  }

  private final GoldenDocumentReader documents;
  private final List<ConfigError> errors;
  private final List<Path> watched;
  private final Map<Identity, GoldenObject> objects = new HashMap<>();
  private final List<GoldenObject> inOrder = new ArrayList<>();

  /** Every directory and file looked at is added to {@code watched}. */
  GoldenStateLoader(NamespaceOverrides overrides, List<ConfigError> errors, List<Path> watched) {
    this.documents = new GoldenDocumentReader(overrides);
    this.errors = errors;
    this.watched = watched;
  }

  /**
   * {@code configFile} is skipped should it lie in a golden-state directory, as it does when one
   * ConfigMap holds both and is mounted as a single directory.
   */
  List<GoldenObject> load(List<GoldenDirectory> directories, Path configFile) {
    Path config = configFile.toAbsolutePath().normalize();
    for (GoldenDirectory directory : directories) {
      loadDirectory(directory, config);
    }
    return List.copyOf(inOrder);
  }

  private void loadDirectory(GoldenDirectory directory, Path configFile) {
    Path path = directory.path();
    watched.add(path);
    if (!Files.isDirectory(path)) {
      String problem = Files.exists(path) ? "is not a directory" : "does not exist";
      errors.add(new ConfigError(directory.declaredAt(),
          "golden-state directory " + path + " " + problem));
      return;
    }
    List<Path> files;
    try {
      files = YamlFileScanner.scan(path);
    } catch (IOException e) {
      errors.add(new ConfigError(directory.declaredAt(),
          "cannot list golden-state directory " + path + ": " + FileProblems.describe(e)));
      return;
    }
    files.stream()
        .filter(file -> !file.toAbsolutePath().normalize().equals(configFile))
        .forEach(this::loadFile);
  }

  private void loadFile(Path file) {
    watched.add(file);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      errors.add(ConfigError.inFile(file, "cannot read file: " + FileProblems.describe(e)));
      return;
    }
    for (Node document : YamlDocuments.compose(file, text, errors)) {
      documents.read(file, document, errors).ifPresent(this::add);
    }
  }

  private void add(GoldenObject object) {
    GoldenObject first = objects.putIfAbsent(Identity.of(object.ref()), object);
    if (first == null) {
      inOrder.add(object);
    } else {
      errors.add(new ConfigError(object.source(), "duplicate object " + object.ref()
          + " (first defined at " + first.source() + ")"));
    }
  }
}
