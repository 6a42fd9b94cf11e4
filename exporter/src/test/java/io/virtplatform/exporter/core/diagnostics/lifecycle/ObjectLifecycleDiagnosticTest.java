package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.DataVolumeSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.LifecycleSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stuck deletions and dangling ownerReferences, against the mock API server. */
class ObjectLifecycleDiagnosticTest {

  private static final String STUCK = "virt_platform_stuck_terminating_seconds";
  private static final String DANGLING = "virt_platform_dangling_owner_references";
  private static final String OBSERVED = "virt_platform_dangling_owner_references_observed_total";
  private static final GroupVersionKind VM =
      new GroupVersionKind("kubevirt.io", "v1", "VirtualMachine");
  private static final GroupVersionKind VMI =
      new GroupVersionKind("kubevirt.io", "v1", "VirtualMachineInstance");
  private static final String VM_FINALIZER = "kubevirt.io/virtualMachineControllerFinalize";
  private static final String REWRITTEN_GROUP = "internal.virtualization.deckhouse.io";
  private static final String REWRITTEN_VM = "InternalVirtualizationVirtualMachine";
  private static final String REWRITTEN_OWNER = "kind=\"VirtualMachineInstance\",namespace=\"vms\","
      + "owner_api_version=\"" + REWRITTEN_GROUP + "/v1\",owner_kind=\"" + REWRITTEN_VM + "\","
      + "reason=\"owner_kind_unserved\"";
  private static final String MISSING_VM = "kind=\"VirtualMachineInstance\",namespace=\"vms\","
      + "owner_api_version=\"kubevirt.io/v1\",owner_kind=\"VirtualMachine\","
      + "reason=\"owner_missing\"";

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun(ObjectLifecycleDiagnostic::new);
    run.installCrd("kubevirt.io", "v1", "VirtualMachine", true);
    run.installCrd("kubevirt.io", "v1", "VirtualMachineInstance", true);
    run.apply(settings(LifecycleSettings.DEFAULT.kinds(), Duration.ofMinutes(15)));
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private static DiagnosticsSettings settings(List<GroupVersionKind> kinds, Duration after) {
    return new DiagnosticsSettings(WebhookSettings.DEFAULT, DataVolumeSettings.DEFAULT,
        new LifecycleSettings(kinds, after));
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> ops(GroupVersionKind gvk) {
    return run.client().genericKubernetesResources(gvk.apiVersion(), gvk.kind());
  }

  private void createVm(String name, String... finalizers) {
    ops(VM).inNamespace("vms").resource(new GenericKubernetesResourceBuilder()
        .withApiVersion(VM.apiVersion()).withKind(VM.kind())
        .withNewMetadata().withName(name).withNamespace("vms").withFinalizers(finalizers)
        .endMetadata().build()).create();
  }

  private void createVmi(String name, String ownerApiVersion, String ownerKind) {
    createVmi(name, ownerApiVersion, ownerKind, "owner-" + name);
  }

  private void createVmi(String name, String ownerApiVersion, String ownerKind, String ownerUid) {
    ops(VMI).inNamespace("vms").resource(new GenericKubernetesResourceBuilder()
        .withApiVersion(VMI.apiVersion()).withKind(VMI.kind())
        .withNewMetadata().withName(name).withNamespace("vms")
        .addNewOwnerReference().withApiVersion(ownerApiVersion).withKind(ownerKind)
        .withName(name).withUid(ownerUid).withController(true).endOwnerReference()
        .endMetadata().build()).create();
  }

  private void setFinalizers(String vm, String... finalizers) {
    ops(VM).inNamespace("vms").withName(vm).edit(o -> {
      o.getMetadata().setFinalizers(new ArrayList<>(List.of(finalizers)));
      return o;
    });
  }

  private static String stuckLabels(String name, String finalizer) {
    return "kind=\"VirtualMachine\",namespace=\"vms\",name=\"" + name + "\",finalizer=\""
        + finalizer + "\"";
  }

  @Test
  void aFinalizerDeadlockIsReportedOnlyAfterTheThresholdAndPerBlockingFinalizer() {
    createVm("db", VM_FINALIZER, "example.com/backup");
    ops(VM).inNamespace("vms").withName("db").delete();
    await(() -> assertThat(ops(VM).inNamespace("vms").withName("db").get().getMetadata()
        .getDeletionTimestamp()).isNotNull());

    run.clock().advance(Duration.ofMinutes(15));
    run.settle();
    assertThat(run.scrape().all(STUCK)).as("not before 15 minutes").isEmpty();

    run.clock().advance(Duration.ofMinutes(1));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(STUCK)).containsOnlyKeys(
          STUCK + "{" + stuckLabels("db", VM_FINALIZER) + "}",
          STUCK + "{" + stuckLabels("db", "example.com/backup") + "}");
      assertThat(s.get(STUCK, stuckLabels("db", VM_FINALIZER)))
          .isBetween(15 * 60.0, 16 * 60.0);
    });

    run.clock().advance(Duration.ofMinutes(10));
    await(() -> assertThat(run.scrape().get(STUCK, stuckLabels("db", VM_FINALIZER)))
        .as("the value is the time since deletion was requested").isGreaterThan(25 * 60.0));

    setFinalizers("db", "example.com/backup");
    await(() -> assertThat(run.scrape().all(STUCK)).containsOnlyKeys(
        STUCK + "{" + stuckLabels("db", "example.com/backup") + "}"));

    setFinalizers("db");
    await(() -> assertThat(run.scrape().all(STUCK)).as("object gone").isEmpty());
    assertThat(ops(VM).inNamespace("vms").withName("db").get()).isNull();
  }

  @Test
  void objectsWithoutFinalizersOrNotBeingDeletedAreNotStuck() {
    createVm("running", VM_FINALIZER);
    createVm("plain");
    ops(VM).inNamespace("vms").withName("plain").delete();
    run.clock().advance(Duration.ofHours(2));
    run.settle();

    assertThat(run.scrape().all(STUCK)).isEmpty();
  }

  @Test
  void aLongerThresholdOrADroppedKindRemovesTheSeries() {
    createVm("db", VM_FINALIZER);
    ops(VM).inNamespace("vms").withName("db").delete();
    run.clock().advance(Duration.ofMinutes(30));
    await(() -> assertThat(run.scrape().all(STUCK)).hasSize(1));

    run.apply(settings(LifecycleSettings.DEFAULT.kinds(), Duration.ofHours(1)));
    assertThat(run.scrape().all(STUCK)).as("30m < 1h").isEmpty();

    run.apply(settings(LifecycleSettings.DEFAULT.kinds(), Duration.ofMinutes(15)));
    assertThat(run.scrape().all(STUCK)).hasSize(1);

    run.apply(settings(List.of(VMI), Duration.ofMinutes(15)));
    assertThat(run.scrape().all(STUCK)).as("VirtualMachine no longer checked").isEmpty();
    assertThat(run.watcher().watchedResources().stream().map(Object::toString))
        .contains("virtualmachineinstances.kubevirt.io");
  }

  @Test
  void aServedOwnerIsFineAnUnservedOneIsDanglingUntilItsApiAppears() {
    createVmi("served-owner", "kubevirt.io/v1", "VirtualMachine");
    createVmi("rewritten-owner", REWRITTEN_GROUP + "/v1", REWRITTEN_VM);
    createVmi("unknown-kind-in-served-group", "kubevirt.io/v1", "VirtualMachinePool");

    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(DANGLING)).containsOnlyKeys(
          DANGLING + "{" + REWRITTEN_OWNER + "}",
          DANGLING + "{kind=\"VirtualMachineInstance\",namespace=\"vms\","
              + "owner_api_version=\"kubevirt.io/v1\",owner_kind=\"VirtualMachinePool\","
              + "reason=\"owner_kind_unserved\"}");
      assertThat(s.get(DANGLING, REWRITTEN_OWNER)).isEqualTo(1.0);
      assertThat(s.get(OBSERVED, REWRITTEN_OWNER)).isEqualTo(1.0);
    });

    run.installCrd(REWRITTEN_GROUP, "v1", REWRITTEN_VM, true);
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get(DANGLING, REWRITTEN_OWNER)).as("owner kind now served").isNull();
      assertThat(s.get(OBSERVED, REWRITTEN_OWNER)).as("a counter keeps its count").isEqualTo(1.0);
    });
  }

  @Test
  void aVmiWhoseVmIsDeletedIsDanglingOnceTheGracePeriodHasPassed() {
    createVm("web");
    String vmUid = ops(VM).inNamespace("vms").withName("web").get().getMetadata().getUid();
    createVmi("web", "kubevirt.io/v1", "VirtualMachine", vmUid);
    run.settle();
    run.clock().advance(DanglingOwnerTracker.MISSING_GRACE.multipliedBy(2));
    run.settle();
    assertThat(run.scrape().all(DANGLING)).as("the owner exists").isEmpty();

    ops(VM).inNamespace("vms").withName("web").delete();
    await(() -> assertThat(ops(VM).inNamespace("vms").list().getItems()).isEmpty());
    run.settle();
    assertThat(run.scrape().get(DANGLING, MISSING_VM)).as("within the grace period").isNull();

    run.clock().advance(DanglingOwnerTracker.MISSING_GRACE);
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get(DANGLING, MISSING_VM)).isEqualTo(1.0);
      assertThat(s.get(OBSERVED, MISSING_VM)).isEqualTo(1.0);
    });

    // What the garbage collector then does: the VMI goes, the counter keeps it.
    ops(VMI).inNamespace("vms").withName("web").delete();
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get(DANGLING, MISSING_VM)).isNull();
      assertThat(s.get(OBSERVED, MISSING_VM)).isEqualTo(1.0);
    });
  }

  @Test
  void anObjectDeletedRightAfterCreationIsStillCounted() {
    for (int i = 0; i < 3; i++) {
      createVmi("vmi-" + i, REWRITTEN_GROUP + "/v1", REWRITTEN_VM);
      ops(VMI).inNamespace("vms").withName("vmi-" + i).delete();
    }
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get(OBSERVED, REWRITTEN_OWNER)).isEqualTo(3.0);
      assertThat(s.get(DANGLING, REWRITTEN_OWNER)).as("all gone again").isNull();
    });
  }

  @Test
  void manyDanglingObjectsMakeOneSeriesPerKindNamespaceAndOwnerType() {
    for (int i = 0; i < 20; i++) {
      createVmi("vmi-" + i, REWRITTEN_GROUP + "/v1", REWRITTEN_VM);
    }
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(DANGLING)).hasSize(1);
      assertThat(s.get(DANGLING, REWRITTEN_OWNER)).isEqualTo(20.0);
      assertThat(s.get(OBSERVED, REWRITTEN_OWNER)).isEqualTo(20.0);
    });

    ops(VMI).inNamespace("vms").withName("vmi-0").delete();
    await(() -> assertThat(run.scrape().get(DANGLING, REWRITTEN_OWNER)).isEqualTo(19.0));
  }

  @Test
  void aRemovedCrdStopsItsWatchAndDropsItsSeries() {
    createVmi("rewritten-owner", REWRITTEN_GROUP + "/v1", REWRITTEN_VM);
    await(() -> assertThat(run.scrape().get(OBSERVED, REWRITTEN_OWNER)).isEqualTo(1.0));

    run.removeCrd("kubevirt.io", "VirtualMachineInstance");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(DANGLING)).isEmpty();
      assertThat(s.all(OBSERVED)).isEmpty();
    });
  }
}
