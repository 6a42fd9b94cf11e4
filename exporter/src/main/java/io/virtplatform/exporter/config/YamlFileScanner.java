package io.virtplatform.exporter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Finds the YAML files of a golden-state directory. */
final class YamlFileScanner {

  private YamlFileScanner() {}

  /**
   * Every {@code *.yaml} and {@code *.yml} file under {@code directory}, recursively, sorted by
   * path. Hidden entries are skipped: a mounted ConfigMap keeps a second copy of each file under
   * {@code ..<timestamp>/}, which would otherwise be loaded twice. Symbolic links are followed.
   */
  static List<Path> scan(Path directory) throws IOException {
    List<Path> files = new ArrayList<>();
    collect(directory, files, new HashSet<>());
    files.sort(Comparator.comparing(Path::toString));
    return files;
  }

  static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static void collect(Path directory, List<Path> files, Set<Path> visited)
      throws IOException {
    if (!visited.add(directory.toRealPath())) {
      return; // a symbolic link back up the tree
    }
    List<Path> entries;
    try (Stream<Path> listing = Files.list(directory)) {
      entries = listing.filter(entry -> !entry.getFileName().toString().startsWith(".")).toList();
    }
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        collect(entry, files, visited);
      } else if (Files.isRegularFile(entry) && isYaml(entry)) {
        files.add(entry);
      }
    }
  }
}
