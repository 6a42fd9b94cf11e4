package io.virtplatform.exporter.core.drift;

import static io.virtplatform.exporter.core.diff.Documents.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.compliance.ComplianceState;
import io.virtplatform.exporter.testing.Recordings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift explainer on objects as a real v1.26 API server stores them, with the managedFields it
 * wrote (recordings 04, 05, 23, 26, 27): fields are named by key the way managedFields name them,
 * the last writer comes from managedFields, and a removed field is recognised from an earlier
 * version of the object.
 */
class RecordedManagedFieldsTest {

  @Test
  void aPatchedFieldIsLastWrittenByThePatcher() {
    // 26 doc 3: rogue-admin ran `kubectl patch` on replicas after platform-autopilot's apply.
    DriftReport report = TrackedResources.golden(Recordings.sent("26-ssa-then-patch.yaml"))
        .live(Recordings.documents("26-ssa-then-patch.yaml").get(2)).explain();

    assertThat(onlyFields(report)).containsExactly(new FieldDrift("/spec/replicas",
        ".spec.replicas", 2, 5, false, "rogue-admin", false));
  }

  @Test
  void aForcedReApplyGivesTheFieldBackToTheApplier() {
    // 26 doc 4: the rogue-admin entry is gone; a golden replicas 3 now drifts against autopilot.
    Map<String, Object> golden =
        set(Recordings.sent("26-ssa-then-patch.yaml"), "/spec/replicas", 3);
    DriftReport report = TrackedResources.golden(golden)
        .live(Recordings.documents("26-ssa-then-patch.yaml").get(3)).explain();

    assertThat(onlyFields(report)).extracting(FieldDrift::path, FieldDrift::manager)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(".spec.replicas",
            "platform-autopilot"));
  }

  @Test
  void aFieldRemovedByAJsonPatchIsMarkedRemovedWithItsEarlierWriter() {
    // 27: recorder applied data.drop (doc 2); cleanup-bot removed it with a JSON patch (doc 3),
    // which gave cleanup-bot no entry and took f:drop out of recorder's.
    TrackedResources resources = TrackedResources
        .golden(Recordings.sent("27-json-patch-remove.yaml")).live(Recordings.documents("27-json-patch-remove.yaml").get(1));
    assertThat(resources.explain().resources()).isEmpty();

    DriftReport report = resources.live(Recordings.documents("27-json-patch-remove.yaml").get(2))
        .explain();

    assertThat(onlyFields(report)).containsExactly(
        new FieldDrift("/data/drop", ".data.drop", "2", null, true, "recorder", true));
  }

  @Test
  void aRemovalIsRememberedAcrossLaterWritesUntilTheFieldComesBack() {
    List<Map<String, Object>> docs = Recordings.documents("27-json-patch-remove.yaml");
    TrackedResources resources = TrackedResources.golden(docs.get(0)).live(docs.get(1))
        .live(docs.get(2));

    // doc 4: cleanup-bot removed the tier label and added data.added; its entry lists only that.
    DriftReport report = resources.live(docs.get(3)).explain();
    assertThat(onlyFields(report)).containsExactly(
        new FieldDrift("/metadata/labels/tier", ".metadata.labels.tier", "backend", null, true,
            "recorder", true),
        new FieldDrift("/data/drop", ".data.drop", "2", null, true, "recorder", true));

    // doc 5: recorder re-applied doc 1 and took both back.
    assertThat(resources.live(docs.get(4)).explain().resources()).isEmpty();
  }

  @Test
  void aWriterSeenToLoseAPresentFieldIsForgotten() {
    List<Map<String, Object>> docs = Recordings.documents("27-json-patch-remove.yaml");
    // doc 2 with f:drop gone from recorder's entry while data.drop is still there: nobody owns it.
    Map<String, Object> unowned = Recordings.documents("27-json-patch-remove.yaml").get(1);
    unowned.put("metadata", docs.get(2).get("metadata"));

    DriftReport report = TrackedResources.golden(docs.get(0)).live(docs.get(1)).live(unowned)
        .live(docs.get(2)).explain();

    assertThat(onlyFields(report)).containsExactly(
        new FieldDrift("/data/drop", ".data.drop", "2", null, true, null, false));
  }

  @Test
  void withoutAnEarlierVersionAnAbsentFieldIsNotCalledRemoved() {
    DriftReport report = TrackedResources.golden(Recordings.sent("27-json-patch-remove.yaml"))
        .live(Recordings.documents("27-json-patch-remove.yaml").get(2)).explain();

    assertThat(onlyFields(report)).containsExactly(
        new FieldDrift("/data/drop", ".data.drop", "2", null, true, null, false));
  }

  @Test
  void containerPortsAreNamedByContainerPortAndProtocolAsManagedFieldsKeyThem() {
    // 05: the web container's ports omit protocol; the server keys them with protocol TCP.
    Map<String, Object> golden = Recordings.sent("05-deployment-ports.yaml");
    set(golden, "/spec/template/spec/containers/1/ports/1/hostPort", 9443);
    set(golden, "/spec/template/spec/containers/1/ports/0/hostPort", 8080);

    DriftReport report = TrackedResources.golden(golden)
        .live(Recordings.stored("05-deployment-ports.yaml")).explain();

    assertThat(onlyFields(report)).containsExactly(
        new FieldDrift("/spec/template/spec/containers/1/ports/0/hostPort",
            ".spec.template.spec.containers[name=\"web\"]"
                + ".ports[containerPort=8080,protocol=\"TCP\"].hostPort",
            8080, null, true, null, false),
        new FieldDrift("/spec/template/spec/containers/1/ports/1/hostPort",
            ".spec.template.spec.containers[name=\"web\"]"
                + ".ports[containerPort=8443,protocol=\"TCP\"].hostPort",
            9443, 8443, false, "recorder", false));
  }

  @Test
  void envVolumeMountsAndAtomicListsAreNamedAsManagedFieldsNameThem() {
    Map<String, Object> env = Recordings.sent("04-deployment-env.yaml");
    set(env, "/spec/template/spec/containers/0/env/2/value", "123");
    set(env, "/spec/template/spec/containers/0/args/1", "--port=9090");
    Map<String, Object> pod = Recordings.sent("23-pod-virt-launcher.yaml");
    set(pod, "/spec/containers/0/volumeMounts/2/mountPropagation", "Bidirectional");

    DriftReport report = TrackedResources.golden(env, pod)
        .live(Recordings.stored("04-deployment-env.yaml"))
        .live(Recordings.stored("23-pod-virt-launcher.yaml")).explain();

    assertThat(report.resources()).flatExtracting(ResourceDrift::fields)
        .extracting(FieldDrift::path, FieldDrift::manager)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ".spec.template.spec.containers[name=\"app\"].args[1]", "recorder"),
            org.assertj.core.groups.Tuple.tuple(
                ".spec.template.spec.containers[name=\"app\"].env[name=\"LEADING_ZERO\"].value",
                "recorder"),
            org.assertj.core.groups.Tuple.tuple(".spec.containers[name=\"compute\"]"
                + ".volumeMounts[mountPath=\"/var/run/kubevirt/hotplug-disks\"].mountPropagation",
                "recorder"));
  }

  @Test
  void keyedElementsAreNamedByKeyEvenWhenTheLiveObjectHasNoManagedFields() {
    DriftReport report = TrackedResources.golden("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns, labels: {app.kubernetes.io/name: p}}
        spec:
          containers:
          - name: app
            env: [{name: LOG, value: debug}]
            volumeMounts: [{name: data, mountPath: /data, readOnly: true}]
          things: [{name: a, weight: 1}, {name: b, weight: 2}]
        """).live("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns, labels: {app.kubernetes.io/name: q}}
        spec:
          containers:
          - name: app
            env: [{name: OTHER, value: x}, {name: LOG, value: info}]
            volumeMounts: [{name: data, mountPath: /data}]
          things: [{name: b, weight: 3}, {name: a, weight: 1}]
        """).explain();

    // things is not a list Kubernetes keys: its element is named by its live index.
    assertThat(onlyFields(report)).extracting(FieldDrift::pointer, FieldDrift::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/metadata/labels/app.kubernetes.io~1name",
                ".metadata.labels[\"app.kubernetes.io/name\"]"),
            org.assertj.core.groups.Tuple.tuple("/spec/containers/0/env/0/value",
                ".spec.containers[name=\"app\"].env[name=\"LOG\"].value"),
            org.assertj.core.groups.Tuple.tuple("/spec/containers/0/volumeMounts/0/readOnly",
                ".spec.containers[name=\"app\"].volumeMounts[mountPath=\"/data\"].readOnly"),
            org.assertj.core.groups.Tuple.tuple("/spec/things/1/weight", ".spec.things[0].weight"));
  }

  private static List<FieldDrift> onlyFields(DriftReport report) {
    assertThat(report.resources()).singleElement()
        .extracting(ResourceDrift::state).isEqualTo(ComplianceState.DRIFTED);
    return report.resources().get(0).fields();
  }
}
