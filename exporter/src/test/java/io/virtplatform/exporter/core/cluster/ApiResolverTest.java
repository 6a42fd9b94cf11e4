package io.virtplatform.exporter.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.testing.MockCluster;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiResolverTest {

  private static final GroupVersionKind MACHINE =
      new GroupVersionKind("cluster.x-k8s.io", "v1beta1", "Machine");
  private static final GroupVersionKind MACHINE_SET =
      new GroupVersionKind("cluster.x-k8s.io", "v1beta1", "MachineSet");

  @Test
  void withinOneRoundAGroupVersionIsAskedOnceOutsideEveryBatchAsksAgain() {
    try (MockCluster cluster = new MockCluster()) {
      ApiResolver resolver = new ApiResolver(cluster.client(), (g, v) -> Optional.empty());
      cluster.installCrd("cluster.x-k8s.io", "v1beta1", "Machine", true);
      AtomicReference<Resolution> inRound = new AtomicReference<>();

      resolver.inOneRound(() -> {
        assertThat(resolver.resolveAll(List.of(MACHINE)).get(MACHINE))
            .isInstanceOf(Resolution.Served.class);
        // Installed after the round asked cluster.x-k8s.io/v1beta1: the round keeps that answer.
        cluster.installCrd("cluster.x-k8s.io", "v1beta1", "MachineSet", true);
        inRound.set(resolver.resolveAll(List.of(MACHINE_SET)).get(MACHINE_SET));
      });

      assertThat(inRound.get()).as("the round's one answer").isInstanceOf(Resolution.NotServed.class);
      assertThat(resolver.resolveAll(List.of(MACHINE_SET)).get(MACHINE_SET))
          .as("asked again after the round").isInstanceOf(Resolution.Served.class);
    }
  }
}
