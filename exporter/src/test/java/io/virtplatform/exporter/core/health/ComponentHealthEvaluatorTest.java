package io.virtplatform.exporter.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentHealthEvaluatorTest {

  private static WorkloadStatus status(WorkloadKind kind, String name, int desired, int ready,
      int updated) {
    return new WorkloadStatus(kind, "kubevirt", name, Map.of("app", name), desired, ready, updated,
        true, List.of(new ContainerImage(name, "quay.io/kubevirt/" + name + ":v1.4.0")));
  }

  private static ComponentSpec component(WorkloadSelector... selectors) {
    return new ComponentSpec("virt", "kubevirt", List.of(selectors));
  }

  @Test
  void healthyWhenEveryWorkloadIsReadyAndUpdated() {
    ComponentHealth health = ComponentHealthEvaluator.evaluate(
        component(WorkloadSelector.byName(WorkloadKind.DEPLOYMENT, "virt-api"),
            WorkloadSelector.byName(WorkloadKind.DAEMON_SET, "virt-handler")),
        List.of(status(WorkloadKind.DEPLOYMENT, "virt-api", 2, 2, 2),
            status(WorkloadKind.DAEMON_SET, "virt-handler", 3, 3, 3)));
    assertThat(health.healthy()).isTrue();
    assertThat(health.workloads()).extracting(WorkloadHealth::workload, WorkloadHealth::ready,
            WorkloadHealth::desired)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("virt-api", 2, 2),
            org.assertj.core.groups.Tuple.tuple("virt-handler", 3, 3));
  }

  @Test
  void eachKindNeedsAllReplicasReadyAndUpdated() {
    for (WorkloadKind kind : WorkloadKind.values()) {
      ComponentSpec spec = component(WorkloadSelector.byName(kind, "w"));
      assertThat(ComponentHealthEvaluator.evaluate(spec, List.of(status(kind, "w", 3, 2, 3)))
          .healthy()).as("%s with a replica not ready", kind).isFalse();
      assertThat(ComponentHealthEvaluator.evaluate(spec, List.of(status(kind, "w", 3, 3, 2)))
          .healthy()).as("%s mid-rollout", kind).isFalse();
      assertThat(ComponentHealthEvaluator.evaluate(spec, List.of(status(kind, "w", 0, 0, 0)))
          .healthy()).as("%s scaled to zero", kind).isFalse();
      assertThat(ComponentHealthEvaluator.evaluate(spec, List.of(status(kind, "w", 3, 3, 3)))
          .healthy()).as("%s ready", kind).isTrue();
    }
  }

  @Test
  void aWorkloadWhoseNewGenerationIsNotObservedYetIsNotHealthy() {
    ComponentSpec spec = component(WorkloadSelector.byName(WorkloadKind.DEPLOYMENT, "virt-api"));
    WorkloadStatus unobserved = new WorkloadStatus(WorkloadKind.DEPLOYMENT, "kubevirt", "virt-api",
        Map.of(), 2, 2, 2, false, List.of());
    ComponentHealth health = ComponentHealthEvaluator.evaluate(spec, List.of(unobserved));
    assertThat(health.healthy()).isFalse();
    assertThat(health.workloads()).singleElement()
        .extracting(WorkloadHealth::ready, WorkloadHealth::desired, WorkloadHealth::healthy)
        .containsExactly(2, 2, false);
  }

  @Test
  void aMissingWorkloadIsReportedWithZeroReplicas() {
    ComponentHealth health = ComponentHealthEvaluator.evaluate(
        component(WorkloadSelector.byName(WorkloadKind.DEPLOYMENT, "virt-api")), List.of());
    assertThat(health.healthy()).isFalse();
    assertThat(health.workloads()).containsExactly(
        new WorkloadHealth("virt-api", 0, 0, false, List.of()));
  }

  @Test
  void labelSelectorsMatchByLabelsAndKind() {
    ComponentSpec spec = component(
        WorkloadSelector.byLabels(WorkloadKind.DAEMON_SET, Map.of("app", "virt-handler")));
    ComponentHealth health = ComponentHealthEvaluator.evaluate(spec, List.of(
        status(WorkloadKind.DEPLOYMENT, "virt-handler", 1, 0, 0),
        status(WorkloadKind.DAEMON_SET, "virt-handler", 2, 2, 2)));
    assertThat(health.healthy()).isTrue();
    assertThat(health.workloads()).singleElement()
        .extracting(WorkloadHealth::workload).isEqualTo("virt-handler");
  }

  @Test
  void anUnmatchedLabelSelectorIsNamedInKubectlSyntax() {
    ComponentSpec spec = component(WorkloadSelector.byLabels(WorkloadKind.DAEMON_SET,
        Map.of("kubevirt.io", "virt-handler", "app", "x")));
    assertThat(ComponentHealthEvaluator.evaluate(spec, List.of()).workloads())
        .extracting(WorkloadHealth::workload).containsExactly("app=x,kubevirt.io=virt-handler");
  }
}
