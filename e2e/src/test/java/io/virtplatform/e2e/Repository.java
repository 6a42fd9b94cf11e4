package io.virtplatform.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout, whose rule file, runbooks and dashboards the test runs for real. */
final class Repository {

  static final Path ROOT = find();
  static final Path RULES = ROOT.resolve("alerts/virt-platform.rules.yaml");
  static final Path RUNBOOKS = ROOT.resolve("runbooks");
  static final Path DASHBOARDS = ROOT.resolve("dashboards");

  private static final String MARKER = "alerts/virt-platform.rules.yaml";

  private Repository() {}

  /** Walks up from the working directory, which Maven sets to the module directory. */
  private static Path find() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + MARKER + " in " + start + " or any parent directory");
  }
}
