package io.virtplatform.exporter.core.config;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.time.Duration;
import java.util.List;

/**
 * The platform operators' custom resources whose conditions and versions are reported (KubeVirt,
 * CDI, HyperConverged and SSP by default), and how long an upgrade, a CR whose observed version
 * differs from its target version, may take before it counts as stuck.
 */
public record OperatorSettings(List<GroupVersionKind> kinds, Duration upgradeStuckAfter) {

  /** The longest {@code upgradeStuckAfter}: a week; upgrades of the platform take hours. */
  public static final Duration MAX_UPGRADE_STUCK_AFTER = Duration.ofDays(7);

  public static final OperatorSettings DEFAULT = new OperatorSettings(List.of(
      new GroupVersionKind("kubevirt.io", "v1", "KubeVirt"),
      new GroupVersionKind("cdi.kubevirt.io", "v1beta1", "CDI"),
      new GroupVersionKind("hco.kubevirt.io", "v1beta1", "HyperConverged"),
      new GroupVersionKind("ssp.kubevirt.io", "v1beta2", "SSP")), Duration.ofHours(1));

  public OperatorSettings {
    kinds = List.copyOf(kinds);
    DurationBounds.require(upgradeStuckAfter, MAX_UPGRADE_STUCK_AFTER,
        "diagnostics.operators.upgradeStuckAfter");
  }
}
