package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.cluster.ApiResolver;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.testing.MockCluster;
import io.virtplatform.exporter.testing.MutableClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServedKindsTest {

  private static final GroupVersionKind MACHINE =
      new GroupVersionKind("cluster.x-k8s.io", "v1beta1", "Machine");

  @Test
  void aMissingKindIsAskedAgainAfterTheNegativeTtlAPresentOneOnlyAfterInvalidation() {
    try (MockCluster cluster = new MockCluster()) {
      MutableClock clock = new MutableClock();
      ServedKinds served = new ServedKinds(
          new ApiResolver(cluster.client(), (g, v) -> Optional.empty()), clock);

      assertThat(served.isServed(MACHINE)).contains(false);
      cluster.installCrd("cluster.x-k8s.io", "v1beta1", "Machine", true);
      assertThat(served.isServed(MACHINE)).as("cached").contains(false);
      clock.advance(ServedKinds.NEGATIVE_TTL);
      assertThat(served.isServed(MACHINE)).contains(true);

      cluster.removeCrd("cluster.x-k8s.io", "Machine");
      clock.advance(ServedKinds.NEGATIVE_TTL.multipliedBy(100));
      assertThat(served.isServed(MACHINE)).as("positive answers last").contains(true);
      served.invalidate();
      assertThat(served.isServed(MACHINE)).contains(false);
    }
  }
}
