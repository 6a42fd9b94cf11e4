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
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads every object of the golden-state directories and every tombstone of the tombstone
 * directories, reporting every problem it finds. An object declared both ways is a duplicate.
 */
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

  private static final Set<String> TOMBSTONE_KEYS = Set.of("apiVersion", "kind", "metadata");
  private static final Set<String> TOMBSTONE_METADATA_KEYS = Set.of("name", "namespace");

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
  List<GoldenObject> load(List<GoldenDirectory> directories, List<GoldenDirectory> tombstones,
      Path configFile) {
    Path config = configFile.toAbsolutePath().normalize();
    for (GoldenDirectory directory : directories) {
      loadDirectory(directory, config, false);
    }
    for (GoldenDirectory directory : tombstones) {
      loadDirectory(directory, config, true);
    }
    return List.copyOf(inOrder);
  }

  private void loadDirectory(GoldenDirectory directory, Path configFile, boolean tombstones) {
    Path path = directory.path();
    String what = tombstones ? "tombstone directory " : "golden-state directory ";
    watched.add(path);
    if (!Files.isDirectory(path)) {
      String problem = Files.exists(path) ? "is not a directory" : "does not exist";
      errors.add(new ConfigError(directory.declaredAt(),
          what + path + " " + problem));
      return;
    }
    List<Path> files;
    try {
      files = YamlFileScanner.scan(path);
    } catch (IOException e) {
      errors.add(new ConfigError(directory.declaredAt(),
          "cannot list " + what + path + ": " + FileProblems.describe(e)));
      return;
    }
    files.stream()
        .filter(file -> !file.toAbsolutePath().normalize().equals(configFile))
        .forEach(file -> loadFile(file, tombstones));
  }

  private void loadFile(Path file, boolean tombstones) {
    watched.add(file);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      errors.add(ConfigError.inFile(file, "cannot read file: " + FileProblems.describe(e)));
      return;
    }
    for (Node document : YamlDocuments.compose(file, text, errors)) {
      documents.read(file, document, errors)
          .flatMap(o -> tombstones ? tombstone(o) : Optional.of(o))
          .ifPresent(this::add);
    }
  }

  /**
   * A tombstone names the object and nothing else: a field would read as a state the object should
   * have, which it must not have at all.
   */
  private Optional<GoldenObject> tombstone(GoldenObject object) {
    List<String> extra = new ArrayList<>();
    Map<String, Object> desired = object.desired();
    desired.keySet().stream().filter(k -> !TOMBSTONE_KEYS.contains(k)).forEach(extra::add);
    if (desired.get("metadata") instanceof Map<?, ?> metadata) {
      metadata.keySet().stream().map(String::valueOf)
          .filter(k -> !TOMBSTONE_METADATA_KEYS.contains(k))
          .forEach(k -> extra.add("metadata." + k));
    }
    if (!extra.isEmpty()) {
      errors.add(new ConfigError(object.source(), "tombstone " + object.ref()
          + " must name the object only (apiVersion, kind, metadata.name, metadata.namespace),"
          + " found " + String.join(", ", extra)));
      return Optional.empty();
    }
    return Optional.of(object.asTombstone());
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
