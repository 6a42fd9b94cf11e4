package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.testing.Exposition;
import io.virtplatform.exporter.testing.Series;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DanglingOwnerTrackerTest {

  private static final GroupVersionKind VMI =
      new GroupVersionKind("kubevirt.io", "v1", "VirtualMachineInstance");
  private static final GroupVersionKind OWNER =
      new GroupVersionKind("internal.virtualization.deckhouse.io", "v1", "InternalVirtualizationVirtualMachine");
  private static final String LABELS = "kind=\"VirtualMachineInstance\",namespace=\"vms\","
      + "owner_api_version=\"internal.virtualization.deckhouse.io/v1\","
      + "owner_kind=\"InternalVirtualizationVirtualMachine\"";

  private final MetricStore store = MetricStore.forCatalog();
  private final Map<GroupVersionKind, Optional<Boolean>> answers = new HashMap<>();
  private final DanglingOwnerTracker tracker =
      new DanglingOwnerTracker(store, kind -> answers.getOrDefault(kind, Optional.of(true)));

  private Series scrape() {
    return Exposition.series(store::writeTo);
  }

  private static LifecycleFacts vmi(String name, String uid) {
    return new LifecycleFacts(new ResourceRef(VMI, "vms", name), uid, null, List.of(),
        List.of(OWNER));
  }

  @Test
  void whenDiscoveryCannotAnswerTheLastJudgementStands() {
    answers.put(OWNER, Optional.of(false));
    tracker.changed(vmi("web", "uid-1"));
    assertThat(scrape().get("virt_platform_dangling_owner_references", LABELS)).isEqualTo(1.0);

    answers.put(OWNER, Optional.empty());
    tracker.reevaluate();
    assertThat(scrape().get("virt_platform_dangling_owner_references", LABELS)).isEqualTo(1.0);

    tracker.changed(vmi("new", "uid-2"));
    assertThat(scrape().get("virt_platform_dangling_owner_references", LABELS))
        .as("an object never judged is not reported on a guess").isEqualTo(1.0);
  }

  @Test
  void eachObjectCountsOnceAndARecreatedObjectAgain() {
    answers.put(OWNER, Optional.of(false));
    tracker.changed(vmi("web", "uid-1"));
    tracker.changed(vmi("web", "uid-1"));
    tracker.reevaluate();
    assertThat(scrape().get("virt_platform_dangling_owner_references_observed_total", LABELS))
        .isEqualTo(1.0);

    tracker.removed(new ResourceRef(VMI, "vms", "web"));
    tracker.changed(vmi("web", "uid-2"));
    assertThat(scrape().get("virt_platform_dangling_owner_references_observed_total", LABELS))
        .isEqualTo(2.0);
    assertThat(scrape().get("virt_platform_dangling_owner_references", LABELS)).isEqualTo(1.0);
  }
}
