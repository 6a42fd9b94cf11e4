package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.virtplatform.exporter.core.diagnostics.lifecycle.DanglingOwnerTracker.GroupKind;
import io.virtplatform.exporter.core.diagnostics.lifecycle.LifecycleFacts.Owner;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.testing.Exposition;
import io.virtplatform.exporter.testing.Recordings;
import io.virtplatform.exporter.testing.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DanglingOwnerTrackerTest {

  private static final GroupVersionKind VMI =
      new GroupVersionKind("kubevirt.io", "v1", "VirtualMachineInstance");
  private static final GroupVersionKind OWNER = new GroupVersionKind(
      "internal.virtualization.deckhouse.io", "v1", "InternalVirtualizationVirtualMachine");
  private static final String UNSERVED = "kind=\"VirtualMachineInstance\",namespace=\"vms\","
      + "owner_api_version=\"internal.virtualization.deckhouse.io/v1\","
      + "owner_kind=\"InternalVirtualizationVirtualMachine\",reason=\"owner_kind_unserved\"";
  private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  /** Recording 25: a ConfigMap owned by the Deployment of 02 and the ConfigMap of 09. */
  private static final String OWNED_BY_DEPLOYMENT = "kind=\"ConfigMap\",namespace=\"rec\","
      + "owner_api_version=\"apps/v1\",owner_kind=\"Deployment\",reason=\"owner_missing\"";
  private static final String GAUGE = "virt_platform_dangling_owner_references";
  private static final String COUNTER = "virt_platform_dangling_owner_references_observed_total";
  private static final Instant T0 = Instant.parse("2026-11-30T12:20:00Z");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final MetricStore store = MetricStore.forCatalog();
  private final Map<GroupVersionKind, Optional<Boolean>> answers = new HashMap<>();
  private final Map<GroupKind, Optional<Boolean>> listed = new HashMap<>(Map.of(
      new GroupKind("apps", "Deployment"), Optional.of(true),
      new GroupKind("", "ConfigMap"), Optional.of(true)));
  private final DanglingOwnerTracker tracker = new DanglingOwnerTracker(store,
      kind -> answers.getOrDefault(kind, Optional.of(true)),
      kind -> listed.getOrDefault(kind, Optional.empty()));

  private Series scrape() {
    return Exposition.series(store::writeTo);
  }

  private static LifecycleFacts vmi(String name, String uid) {
    return new LifecycleFacts(new ResourceRef(VMI, "vms", name), uid, null, List.of(),
        List.of(new Owner(OWNER, "owner-" + name, true)));
  }

  private static LifecycleFacts recorded(GroupVersionKind kind, String file) {
    return LifecycleFacts.of(kind, SERIALIZATION.convertValue(Recordings.stored(file),
        GenericKubernetesResource.class));
  }

  private static ResourceRef recordedRef(GroupVersionKind kind, String file) {
    return recorded(kind, file).ref();
  }

  /** Recording 02: the Deployment that owns the ConfigMap of 25. */
  private void seeDeploymentOwner(Instant at) {
    tracker.changed(recorded(DEPLOYMENT, "02-deployment-zero-values.yaml"), at);
  }

  /** Recordings 09 and 25: the ConfigMap owner, and the ConfigMap owned by it and 02. */
  private void seeDependentOf02And09(Instant at) {
    tracker.changed(recorded(CONFIG_MAP, "09-configmap.yaml"), at);
    tracker.changed(recorded(CONFIG_MAP, "25-owner-reference.yaml"), at);
  }

  @Test
  void whenDiscoveryCannotAnswerTheLastJudgementStands() {
    answers.put(OWNER, Optional.of(false));
    tracker.changed(vmi("web", "uid-1"), T0);
    assertThat(scrape().get(GAUGE, UNSERVED)).isEqualTo(1.0);

    answers.put(OWNER, Optional.empty());
    tracker.reevaluate(T0);
    assertThat(scrape().get(GAUGE, UNSERVED)).isEqualTo(1.0);

    tracker.changed(vmi("new", "uid-2"), T0);
    assertThat(scrape().get(GAUGE, UNSERVED))
        .as("an object never judged is not reported on a guess").isEqualTo(1.0);
  }

  @Test
  void eachObjectCountsOnceAndARecreatedObjectAgain() {
    answers.put(OWNER, Optional.of(false));
    tracker.changed(vmi("web", "uid-1"), T0);
    tracker.changed(vmi("web", "uid-1"), T0);
    tracker.reevaluate(T0);
    assertThat(scrape().get(COUNTER, UNSERVED)).isEqualTo(1.0);

    tracker.removed(new ResourceRef(VMI, "vms", "web"), T0);
    tracker.changed(vmi("web", "uid-2"), T0);
    assertThat(scrape().get(COUNTER, UNSERVED)).isEqualTo(2.0);
    assertThat(scrape().get(GAUGE, UNSERVED)).isEqualTo(1.0);
  }

  @Test
  void existingOwnersOfRecordedObjectsAreFound() {
    seeDeploymentOwner(T0);
    seeDependentOf02And09(T0);
    tracker.evaluate(T0.plus(Duration.ofMinutes(5)));

    assertThat(scrape().all(GAUGE)).isEmpty();
    assertThat(scrape().all(COUNTER)).isEmpty();
  }

  @Test
  void anOwnerThatIsGoneMakesItsDependentDanglingAfterTheGracePeriod() {
    seeDeploymentOwner(T0);
    seeDependentOf02And09(T0);

    Instant deleted = T0.plusSeconds(60);
    tracker.removed(recordedRef(DEPLOYMENT, "02-deployment-zero-values.yaml"), deleted);
    tracker.evaluate(deleted.plus(DanglingOwnerTracker.MISSING_GRACE).minusSeconds(1));
    assertThat(scrape().all(GAUGE)).as("within the grace period").isEmpty();

    tracker.evaluate(deleted.plus(DanglingOwnerTracker.MISSING_GRACE));
    Series s = scrape();
    assertThat(s.all(GAUGE)).containsOnlyKeys(GAUGE + "{" + OWNED_BY_DEPLOYMENT + "}");
    assertThat(s.get(GAUGE, OWNED_BY_DEPLOYMENT)).isEqualTo(1.0);
    assertThat(s.get(COUNTER, OWNED_BY_DEPLOYMENT)).isEqualTo(1.0);

    // The garbage collector deletes the dependent: the gauge goes, the counter keeps it.
    tracker.removed(recordedRef(CONFIG_MAP, "25-owner-reference.yaml"), deleted.plusSeconds(30));
    assertThat(scrape().all(GAUGE)).isEmpty();
    assertThat(scrape().get(COUNTER, OWNED_BY_DEPLOYMENT)).isEqualTo(1.0);
  }

  @Test
  void aDependentSeenBeforeItsOwnerIsNotDanglingWhenTheOwnerArrivesInTime() {
    seeDependentOf02And09(T0);
    tracker.evaluate(T0.plusSeconds(5));
    seeDeploymentOwner(T0.plusSeconds(6));
    tracker.evaluate(T0.plus(Duration.ofMinutes(5)));

    assertThat(scrape().all(COUNTER)).isEmpty();
  }

  @Test
  void anOwnerKindWhoseWatchHasNotListedYetIsNotJudgedMissing() {
    listed.put(new GroupKind("apps", "Deployment"), Optional.of(false));
    seeDependentOf02And09(T0);
    tracker.evaluate(T0.plus(Duration.ofMinutes(5)));
    assertThat(scrape().all(GAUGE)).isEmpty();

    // Listed now: the grace period starts, since only now is the absence known.
    Instant listedAt = T0.plus(Duration.ofMinutes(5)).plusSeconds(1);
    listed.put(new GroupKind("apps", "Deployment"), Optional.of(true));
    tracker.evaluate(listedAt);
    assertThat(scrape().all(GAUGE)).isEmpty();
    tracker.evaluate(listedAt.plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, OWNED_BY_DEPLOYMENT)).isEqualTo(1.0);
  }

  @Test
  void anOwnerOfAKindThisCheckDoesNotWatchIsNeverMissing() {
    listed.remove(new GroupKind("apps", "Deployment"));
    seeDependentOf02And09(T0);
    tracker.evaluate(T0.plus(Duration.ofMinutes(5)));

    assertThat(scrape().all(GAUGE)).isEmpty();
    assertThat(scrape().all(COUNTER)).isEmpty();
  }

  @Test
  void anUnservedOwnerKindIsNotAlsoReportedMissing() {
    answers.put(DEPLOYMENT, Optional.of(false));
    seeDependentOf02And09(T0);
    tracker.evaluate(T0.plus(Duration.ofMinutes(5)));

    assertThat(scrape().all(GAUGE)).containsOnlyKeys(GAUGE + "{"
        + OWNED_BY_DEPLOYMENT.replace("owner_missing", "owner_kind_unserved") + "}");
  }

  @Test
  void anInvalidOwnerApiVersionIsUnservedWithoutAskingDiscovery() {
    GroupVersionKind invalid = GroupVersionKind.of("kubevirt.io/v1/x", "VirtualMachine");
    DanglingOwnerTracker strict = new DanglingOwnerTracker(store, kind -> {
      throw new AssertionError("discovery asked about " + kind);
    }, kind -> Optional.of(true));

    strict.changed(new LifecycleFacts(new ResourceRef(VMI, "vms", "a"), "uid-a", null, List.of(),
        List.of(Owner.of("kubevirt.io/v1/x", "VirtualMachine", "owner-a"))), T0);

    assertThat(scrape().get(GAUGE, "kind=\"VirtualMachineInstance\",namespace=\"vms\","
        + "owner_api_version=\"" + invalid.apiVersion() + "\",owner_kind=\"VirtualMachine\","
        + "reason=\"owner_kind_unserved\"")).isEqualTo(1.0);
  }

  @Test
  void anOwnerThatComesBackClearsTheGauge() {
    seeDependentOf02And09(T0);
    tracker.evaluate(T0.plusSeconds(30));
    assertThat(scrape().get(GAUGE, OWNED_BY_DEPLOYMENT)).isEqualTo(1.0);

    tracker.changed(recorded(DEPLOYMENT, "02-deployment-zero-values.yaml"), T0.plusSeconds(31));
    assertThat(scrape().all(GAUGE)).isEmpty();
    assertThat(scrape().get(COUNTER, OWNED_BY_DEPLOYMENT)).isEqualTo(1.0);
  }
}
