package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.health.ContainerImage;
import io.virtplatform.exporter.core.health.WorkloadStatus;
import java.util.List;
import java.util.Optional;

/** Normalises the three workload kinds into {@link WorkloadStatus}. */
public final class WorkloadStatuses {

  private WorkloadStatuses() {}

  public static WorkloadStatus of(Deployment d) {
    DeploymentStatus s = Optional.ofNullable(d.getStatus()).orElseGet(DeploymentStatus::new);
    int desired = d.getSpec() == null || d.getSpec().getReplicas() == null
        ? 1 : d.getSpec().getReplicas();
    return new WorkloadStatus(WorkloadKind.DEPLOYMENT, d.getMetadata().getNamespace(),
        d.getMetadata().getName(), d.getMetadata().getLabels(), desired,
        orZero(s.getReadyReplicas()), orZero(s.getUpdatedReplicas()),
        containers(d.getSpec() == null ? null : d.getSpec().getTemplate()));
  }

  public static WorkloadStatus of(DaemonSet d) {
    DaemonSetStatus s = Optional.ofNullable(d.getStatus()).orElseGet(DaemonSetStatus::new);
    return new WorkloadStatus(WorkloadKind.DAEMON_SET, d.getMetadata().getNamespace(),
        d.getMetadata().getName(), d.getMetadata().getLabels(),
        orZero(s.getDesiredNumberScheduled()), orZero(s.getNumberReady()),
        orZero(s.getUpdatedNumberScheduled()),
        containers(d.getSpec() == null ? null : d.getSpec().getTemplate()));
  }

  public static WorkloadStatus of(StatefulSet st) {
    StatefulSetStatus s = Optional.ofNullable(st.getStatus()).orElseGet(StatefulSetStatus::new);
    int desired = st.getSpec() == null || st.getSpec().getReplicas() == null
        ? 1 : st.getSpec().getReplicas();
    return new WorkloadStatus(WorkloadKind.STATEFUL_SET, st.getMetadata().getNamespace(),
        st.getMetadata().getName(), st.getMetadata().getLabels(), desired,
        orZero(s.getReadyReplicas()), orZero(s.getUpdatedReplicas()),
        containers(st.getSpec() == null ? null : st.getSpec().getTemplate()));
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static List<ContainerImage> containers(PodTemplateSpec template) {
    if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
      return List.of();
    }
    return template.getSpec().getContainers().stream()
        .map((Container c) -> new ContainerImage(c.getName(), c.getImage()))
        .toList();
  }
}
