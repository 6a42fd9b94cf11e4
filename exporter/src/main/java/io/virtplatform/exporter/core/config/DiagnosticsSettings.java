package io.virtplatform.exporter.core.config;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings of the checks taken from the troubleshooting documents. */
public record DiagnosticsSettings(
    WebhookSettings webhooks, DataVolumeSettings dataVolumes, LifecycleSettings lifecycle,
    OperatorSettings operators, List<CompatibilityRule> compatibility) {

  public static final DiagnosticsSettings DEFAULT = new DiagnosticsSettings(
      WebhookSettings.DEFAULT, DataVolumeSettings.DEFAULT, LifecycleSettings.DEFAULT,
      OperatorSettings.DEFAULT, CompatibilityRule.DEFAULT);

  public DiagnosticsSettings {
    compatibility = List.copyOf(compatibility);
  }

  /** Settings with the default operator and compatibility checks. */
  public DiagnosticsSettings(
      WebhookSettings webhooks, DataVolumeSettings dataVolumes, LifecycleSettings lifecycle) {
    this(webhooks, dataVolumes, lifecycle, OperatorSettings.DEFAULT, CompatibilityRule.DEFAULT);
  }

  /** These settings with other operator checks. */
  public DiagnosticsSettings withOperators(OperatorSettings newOperators) {
    return new DiagnosticsSettings(webhooks, dataVolumes, lifecycle, newOperators, compatibility);
  }

  /** These settings with other compatibility rules. */
  public DiagnosticsSettings withCompatibility(List<CompatibilityRule> newCompatibility) {
    return new DiagnosticsSettings(webhooks, dataVolumes, lifecycle, operators, newCompatibility);
  }

  /**
   * Which Validating/MutatingWebhookConfigurations belong to the platform: those whose name, or
   * the name of one of whose webhooks, matches one of {@code namePatterns} (globs, {@code *}
   * matches any run of characters), or whose labels include every pair of one of
   * {@code labelSelectors}. Webhook names matter because KubeVirt and CDI name their
   * configurations {@code virt-api-validator}, {@code cdi-api-datavolume-mutate}... and only
   * their webhooks {@code *.kubevirt.io}.
   */
  public record WebhookSettings(List<String> namePatterns, List<Map<String, String>> labelSelectors) {

    public static final WebhookSettings DEFAULT = new WebhookSettings(
        List.of("*.kubevirt.io", "*.cdi.kubevirt.io", "*kruise*"), List.of());

    public WebhookSettings {
      namePatterns = List.copyOf(namePatterns);
      labelSelectors = labelSelectors.stream().map(Map::copyOf).toList();
    }
  }

  /** A DataVolume not {@code Succeeded} after {@code stuckAfter} since creation is stuck. */
  public record DataVolumeSettings(Duration stuckAfter) {

    /** The longest {@code stuckAfter}: a week, far beyond any import worth waiting for. */
    public static final Duration MAX_STUCK_AFTER = Duration.ofDays(7);

    public static final DataVolumeSettings DEFAULT = new DataVolumeSettings(Duration.ofHours(1));

    public DataVolumeSettings {
      DurationBounds.require(stuckAfter, MAX_STUCK_AFTER, "diagnostics.dataVolumes.stuckAfter");
    }
  }

  /**
   * Kinds whose objects are checked for deletions stuck on finalizers (longer than
   * {@code terminatingAfter}) and for ownerReferences naming kinds the cluster does not serve.
   */
  public record LifecycleSettings(List<GroupVersionKind> kinds, Duration terminatingAfter) {

    /** The longest {@code terminatingAfter}: a week. */
    public static final Duration MAX_TERMINATING_AFTER = Duration.ofDays(7);

    public static final LifecycleSettings DEFAULT = new LifecycleSettings(List.of(
        new GroupVersionKind("kubevirt.io", "v1", "VirtualMachine"),
        new GroupVersionKind("kubevirt.io", "v1", "VirtualMachineInstance"),
        new GroupVersionKind("cdi.kubevirt.io", "v1beta1", "DataVolume"),
        new GroupVersionKind("", "v1", "PersistentVolumeClaim"),
        new GroupVersionKind("cluster.x-k8s.io", "v1beta1", "Machine"),
        new GroupVersionKind("infrastructure.cluster.x-k8s.io", "v1alpha1", "ProxmoxMachine"),
        new GroupVersionKind("", "v1", "Namespace")), Duration.ofMinutes(15));

    public LifecycleSettings {
      kinds = List.copyOf(kinds);
      DurationBounds.require(terminatingAfter, MAX_TERMINATING_AFTER,
          "diagnostics.lifecycle.terminatingAfter");
    }
  }
}
