package io.virtplatform.bundle.dashboards;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout the tests run in, whether Maven starts them from the module or the root. */
final class RepositoryRoot {

  private RepositoryRoot() {}

  static Path find() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("dashboards"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no directory containing dashboards/ above " + start);
  }

  static Path dashboards() {
    return find().resolve("dashboards");
  }
}
