package io.virtplatform.bundle;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository checkout, so the tests read the real rule, test and runbook files. */
public final class RepoRoot {

  private static final String MARKER = "alerts/virt-platform.rules.yaml";

  private RepoRoot() {}

  /** Walks up from the working directory, which Maven sets to the module directory. */
  public static Path find() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + MARKER + " in " + start + " or any parent directory");
  }
}
