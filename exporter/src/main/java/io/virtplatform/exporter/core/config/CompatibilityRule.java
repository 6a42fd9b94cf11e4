package io.virtplatform.exporter.core.config;

import io.virtplatform.exporter.core.model.VersionRange;
import java.util.List;

/**
 * Which versions of the component {@code requires} each version of {@code component} works with;
 * both name entries of the config's {@code components}, whose image tags give their versions:
 * those of every container, or only of the container named {@code container} (for
 * {@code component}) and {@code requiresContainer} (for {@code requires}) when not empty, which
 * keeps sidecars such as kube-rbac-proxy out. A version of {@code component} that no row covers is
 * not judged.
 */
public record CompatibilityRule(String component, String container, String requires,
    String requiresContainer, List<Row> matrix) {

  /** Versions of the component in {@code versions} work with versions of the other in {@code requires}. */
  public record Row(VersionRange versions, VersionRange requires) {}

  public CompatibilityRule {
    matrix = List.copyOf(matrix);
  }

  /**
   * CAPMOX against Cluster API core, named as the bundled default config names them. From the table
   * "Compatibility with Cluster API and Kubernetes Versions" in the README of
   * github.com/ionos-cloud/cluster-api-provider-proxmox (commit 4af26cd95e4a), which seed 003
   * sends engineers to: v0.1 works with Cluster API v1.4 and v1.5; v0.2 with v1.5 and v1.6; v0.3
   * and v0.4 with v1.5 to v1.7; v0.5 with v1.6 and v1.7. Later CAPMOX releases are not in that
   * table, so they are not judged. Both controllers run a single container, so every container
   * counts.
   */
  public static final List<CompatibilityRule> DEFAULT = List.of(new CompatibilityRule(
      "capmox-controller-manager", "", "capi-controller-manager", "", List.of(
          row(">=0.1.0 <0.2.0", ">=1.4.0 <1.6.0"),
          row(">=0.2.0 <0.3.0", ">=1.5.0 <1.7.0"),
          row(">=0.3.0 <0.5.0", ">=1.5.0 <1.8.0"),
          row(">=0.5.0 <0.6.0", ">=1.6.0 <1.8.0"))));

  private static Row row(String versions, String requires) {
    return new Row(VersionRange.parse(versions).orElseThrow(),
        VersionRange.parse(requires).orElseThrow());
  }
}
