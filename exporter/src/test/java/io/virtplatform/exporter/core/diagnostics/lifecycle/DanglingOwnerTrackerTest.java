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
import java.util.Arrays;
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
      new GroupKind("", "ConfigMap"), Optional.of(true),
      new GroupKind("kubevirt.io", "VirtualMachine"), Optional.of(true)));
  private final DanglingOwnerTracker tracker = new DanglingOwnerTracker(store,
      kind -> answers.getOrDefault(kind, Optional.of(true)),
      kind -> listed.getOrDefault(kind, Optional.empty()));

  private Series scrape() {
    return Exposition.series(store::writeTo);
  }

  private static LifecycleFacts vmi(String name, String uid) {
    return new LifecycleFacts(new ResourceRef(VMI, "vms", name), Uid.of(uid), null, List.of(),
        List.of(new Owner(OWNER, Uid.of("owner-" + name), true)));
  }

  private static final GroupVersionKind VM =
      new GroupVersionKind("kubevirt.io", "v1", "VirtualMachine");
  private static final String VM_MISSING = "kind=\"VirtualMachineInstance\",namespace=\"vms\","
      + "owner_api_version=\"kubevirt.io/v1\",owner_kind=\"VirtualMachine\","
      + "reason=\"owner_missing\"";
  private static final String UID_A = "3f1b7a52-0c4e-4d0a-9a43-8c1f5e2b7d10";
  private static final String UID_B = "b2c9e0d4-7f61-4e3a-8b5d-1a2f3c4d5e6f";

  /** A VM; each call builds new instances, as each watch event (or relist) does. */
  private static LifecycleFacts vm(String name, String uid) {
    return new LifecycleFacts(new ResourceRef(VM, "vms", new String(name)), Uid.of(uid), null,
        List.of(), List.of());
  }

  /** A VMI owned by the VMs of the given uids. */
  private static LifecycleFacts vmiOwnedBy(String name, String uid, String... vmUids) {
    return new LifecycleFacts(new ResourceRef(VMI, "vms", new String(name)), Uid.of(uid), null,
        List.of(), Arrays.stream(vmUids).map(u -> Owner.of("kubevirt.io/v1", "VirtualMachine",
            new String(u))).toList());
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

    strict.changed(new LifecycleFacts(new ResourceRef(VMI, "vms", "a"), Uid.of("uid-a"), null, List.of(),
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

  @Test
  void anObjectWithSeveralOwnersDanglesWhileAnyOfThemIsMissing() {
    tracker.changed(vm("a", UID_A), T0);
    tracker.changed(vmiOwnedBy("web", "vmi-1", UID_A, UID_B), T0);
    tracker.evaluate(T0.plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, VM_MISSING)).as("b never existed").isEqualTo(1.0);

    tracker.changed(vm("b", UID_B), T0.plusSeconds(20));
    assertThat(scrape().all(GAUGE)).isEmpty();

    Instant deleted = T0.plusSeconds(30);
    tracker.removed(new ResourceRef(VM, "vms", "a"), deleted);
    tracker.evaluate(deleted.plus(DanglingOwnerTracker.MISSING_GRACE).minusSeconds(1));
    assertThat(scrape().all(GAUGE)).as("within the grace period").isEmpty();
    tracker.evaluate(deleted.plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(1.0);
    assertThat(scrape().get(COUNTER, VM_MISSING)).as("one object, counted once").isEqualTo(1.0);
  }

  @Test
  void anOwnerReferenceRemovedFromTheObjectNoLongerCounts() {
    tracker.changed(vm("a", UID_A), T0);
    tracker.changed(vmiOwnedBy("web", "vmi-1", UID_A, UID_B), T0);
    tracker.evaluate(T0.plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(1.0);

    tracker.changed(vmiOwnedBy("web", "vmi-1", UID_A), T0.plusSeconds(15));
    assertThat(scrape().all(GAUGE)).isEmpty();
    assertThat(scrape().get(COUNTER, VM_MISSING)).isEqualTo(1.0);

    // b appearing and going again no longer concerns the VMI; a going does.
    tracker.changed(vm("b", UID_B), T0.plusSeconds(16));
    tracker.removed(new ResourceRef(VM, "vms", "b"), T0.plusSeconds(17));
    tracker.evaluate(T0.plusSeconds(60));
    assertThat(scrape().all(GAUGE)).isEmpty();
    tracker.removed(new ResourceRef(VM, "vms", "a"), T0.plusSeconds(60));
    tracker.evaluate(T0.plusSeconds(60).plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(1.0);
  }

  @Test
  void everyDependentOfAMissingOwnerCountsAndGoesWithItsOwnDeletion() {
    tracker.changed(vm("a", UID_A), T0);
    tracker.changed(vmiOwnedBy("web-1", "vmi-1", UID_A), T0);
    tracker.changed(vmiOwnedBy("web-2", "vmi-2", UID_A), T0);
    tracker.changed(vmiOwnedBy("web-3", "vmi-3", UID_A), T0);
    tracker.removed(new ResourceRef(VMI, "vms", "web-3"), T0);

    tracker.removed(new ResourceRef(VM, "vms", "a"), T0);
    tracker.evaluate(T0.plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(2.0);

    tracker.removed(new ResourceRef(VMI, "vms", "web-1"), T0.plusSeconds(20));
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(1.0);
    tracker.changed(vm("a", UID_A), T0.plusSeconds(21));
    assertThat(scrape().all(GAUGE)).as("the last dependent is judged again").isEmpty();
    assertThat(scrape().get(COUNTER, VM_MISSING)).isEqualTo(2.0);
  }

  @Test
  void aRelistDeliveringTheSameObjectsAgainChangesNothing() {
    tracker.changed(vm("a", UID_A), T0);
    tracker.changed(vmiOwnedBy("web", "vmi-1", UID_A), T0);
    tracker.changed(vmiOwnedBy("orphan", "vmi-2", UID_B), T0);
    tracker.evaluate(T0.plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(1.0);

    Instant relist = T0.plusSeconds(60);
    tracker.changed(vm("a", UID_A), relist);
    tracker.changed(vmiOwnedBy("web", "vmi-1", UID_A), relist);
    tracker.changed(vmiOwnedBy("orphan", "vmi-2", UID_B), relist);
    tracker.evaluate(relist);
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(1.0);
    assertThat(scrape().get(COUNTER, VM_MISSING)).isEqualTo(1.0);

    // The VM is recreated under its name with a new uid: its old dependent now dangles.
    tracker.changed(vm("a", UID_B.replace('b', 'c')), relist.plusSeconds(1));
    tracker.evaluate(relist.plusSeconds(1).plus(DanglingOwnerTracker.MISSING_GRACE));
    assertThat(scrape().get(GAUGE, VM_MISSING)).isEqualTo(2.0);
    tracker.kindStopped(VMI, relist.plusSeconds(30));
    assertThat(scrape().all(GAUGE)).isEmpty();
  }

  @Test
  void uidsMatchOnlyAsTheExactStringsTheyAre() {
    tracker.changed(vm("a", UID_A), T0);
    tracker.changed(vm("b", "vm-b"), T0);
    tracker.changed(vmiOwnedBy("upper", "vmi-1", UID_A.toUpperCase()), T0);
    tracker.changed(vmiOwnedBy("text", "vmi-2", "vm-b"), T0);
    tracker.changed(vmiOwnedBy("canonical", "vmi-3", UID_A), T0);
    tracker.evaluate(T0.plus(DanglingOwnerTracker.MISSING_GRACE));

    assertThat(scrape().get(GAUGE, VM_MISSING)).as("only the uppercase spelling").isEqualTo(1.0);
  }
}
