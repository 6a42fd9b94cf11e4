package io.virtplatform.exporter.core.diagnostics.compatibility;

import io.virtplatform.exporter.core.config.CompatibilityRule;
import io.virtplatform.exporter.core.model.SemVer;
import java.util.Collection;
import java.util.Optional;

/** Judges a compatibility rule against the versions two components run. */
final class CompatibilityCheck {

  private CompatibilityCheck() {}

  /**
   * Whether every version of the component that a row of the matrix covers works with every
   * version the required component runs; several versions run side by side during a rollout.
   * Empty when nothing can be judged: a component runs no version that a tag tells (no tag, a
   * digest, {@code latest}), or no row covers the versions it runs.
   */
  static Optional<Boolean> compatible(CompatibilityRule rule, Collection<SemVer> versions,
      Collection<SemVer> requiredVersions) {
    if (requiredVersions.isEmpty()) {
      return Optional.empty();
    }
    Optional<Boolean> verdict = Optional.empty();
    for (SemVer version : versions) {
      Optional<CompatibilityRule.Row> row = rule.matrix().stream()
          .filter(r -> r.versions().contains(version)).findFirst();
      if (row.isEmpty()) {
        continue;
      }
      if (!requiredVersions.stream().allMatch(row.get().requires()::contains)) {
        return Optional.of(false);
      }
      verdict = Optional.of(true);
    }
    return verdict;
  }
}
