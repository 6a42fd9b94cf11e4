package io.virtplatform.bundle;

import java.nio.file.Path;

/**
 * What the deploy checks ({@code io.virtplatform.bundle.deploy}) share with the alerting-bundle
 * checks of this package, so both read the same checkout and the same runbook base URL.
 */
public final class BundleFacts {

  private BundleFacts() {}

  public static Path repoRoot() {
    return RepoRoot.find();
  }

  /** The base of every runbook_url in the rule file. */
  public static String defaultRunbookBaseUrl() {
    return Bundle.RUNBOOK_BASE_URL;
  }
}
