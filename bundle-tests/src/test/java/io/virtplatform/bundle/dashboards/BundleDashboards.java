package io.virtplatform.bundle.dashboards;

import io.virtplatform.bundle.RepoRoot;
import java.util.List;

/** The dashboards shipped in dashboards/, the subject of every test here. */
final class BundleDashboards {

  static final String OVERVIEW = "virt-platform-overview.json";
  static final String EXPORTER = "virt-platform-exporter.json";

  private BundleDashboards() {}

  static List<Dashboard> all() {
    return Dashboard.loadAll(RepoRoot.find().resolve("dashboards"));
  }

  /** A private copy of a shipped dashboard, for tests that break it on purpose. */
  static Dashboard copyOf(String fileName) {
    return Dashboard.load(RepoRoot.find().resolve("dashboards").resolve(fileName)).copy();
  }
}
