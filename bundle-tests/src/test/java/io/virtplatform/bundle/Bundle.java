package io.virtplatform.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The alerting bundle as checked in: rules, promtool tests and runbooks, read once. */
final class Bundle {

  /** Default base of every runbook_url; the deploy step may replace it (runbooks/README.md). */
  static final String RUNBOOK_BASE_URL =
      "https://github.com/virt-platform/virt-platform-exporter/blob/main/runbooks/";

  private static final class Holder {
    static final Bundle INSTANCE = new Bundle(RepoRoot.find());
  }

  private final Path root;
  private final List<AlertRule> alerts;
  private final List<PromtoolTestFile> promtoolTests;
  private final List<Runbook> runbooks;

  private Bundle(Path root) {
    this.root = root;
    this.alerts = AlertRule.readAll(root.resolve("alerts/virt-platform.rules.yaml"));
    this.promtoolTests = filesIn(root.resolve("alerts/tests"), ".yaml").stream()
        .map(PromtoolTestFile::read)
        .toList();
    this.runbooks = filesIn(runbooksDir(), ".md").stream()
        .filter(p -> !p.getFileName().toString().equals("README.md"))
        .map(Runbook::read)
        .toList();
  }

  static Bundle get() {
    return Holder.INSTANCE;
  }

  List<AlertRule> alerts() {
    return alerts;
  }

  List<PromtoolTestFile> promtoolTests() {
    return promtoolTests;
  }

  /** Every runbook except the index. */
  List<Runbook> runbooks() {
    return runbooks;
  }

  Path runbooksDir() {
    return root.resolve("runbooks");
  }

  Path runbookIndex() {
    return runbooksDir().resolve("README.md");
  }

  private static List<Path> filesIn(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
