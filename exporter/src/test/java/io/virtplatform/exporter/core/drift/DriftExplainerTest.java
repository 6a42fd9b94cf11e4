package io.virtplatform.exporter.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.compliance.ComplianceState;
import io.virtplatform.exporter.core.compliance.CustomizationAnnotations;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftExplainerTest {

  private static final String GOLDEN_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: virt-api, namespace: kubevirt}
      spec:
        template:
          spec:
            containers:
            - name: virt-api
              image: virt-api:v2
              env:
              - {name: LOG_LEVEL, value: "2"}
            - name: sidecar
              image: sidecar:v1
      """;

  @Test
  void listsEveryUnsatisfiedFieldWithBothValues() {
    DriftReport report = TrackedResources.golden(GOLDEN_DEPLOYMENT).live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: virt-api, namespace: kubevirt}
        spec:
          template:
            spec:
              containers:
              - {name: sidecar, image: sidecar:v1}
              - {name: virt-api, image: virt-api:v1}
        """).explain();

    assertThat(report.resources()).singleElement().satisfies(drift -> {
      assertThat(drift.state()).isEqualTo(ComplianceState.DRIFTED);
      assertThat(drift.problem()).isNull();
      assertThat(drift.fields()).containsExactly(
          new FieldDrift("/spec/template/spec/containers/0/image",
              ".spec.template.spec.containers[name=\"virt-api\"].image", "virt-api:v2",
              "virt-api:v1", false, null, false),
          new FieldDrift("/spec/template/spec/containers/0/env/0/name",
              ".spec.template.spec.containers[name=\"virt-api\"].env[name=\"LOG_LEVEL\"].name",
              "LOG_LEVEL", null, true, null, false),
          new FieldDrift("/spec/template/spec/containers/0/env/0/value",
              ".spec.template.spec.containers[name=\"virt-api\"].env[name=\"LOG_LEVEL\"].value",
              "2", null, true, null, false));
    });
  }

  @Test
  void aMissingResourceHasEveryGoldenFieldAbsent() {
    DriftReport report = TrackedResources.golden(GOLDEN_DEPLOYMENT).explain();

    assertThat(report.resources()).singleElement().satisfies(drift -> {
      assertThat(drift.state()).isEqualTo(ComplianceState.MISSING);
      assertThat(drift.fields()).extracting(FieldDrift::pointer).containsExactly(
          "/spec/template/spec/containers/0/name",
          "/spec/template/spec/containers/0/image",
          "/spec/template/spec/containers/0/env/0/name",
          "/spec/template/spec/containers/0/env/0/value",
          "/spec/template/spec/containers/1/name",
          "/spec/template/spec/containers/1/image");
      assertThat(drift.fields()).allSatisfy(f -> {
        assertThat(f.liveAbsent()).isTrue();
        assertThat(f.manager()).isNull();
      });
    });
    assertThat(report.customizations()).isEmpty();
  }

  @Test
  void anInvalidPatchIsExplainedByItsProblem() {
    DriftReport report = TrackedResources.golden(GOLDEN_DEPLOYMENT).live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: virt-api
          namespace: kubevirt
          annotations:
            platform.kubevirt.io/patch: '[{"op":"remove","path":"/spec/replicas"}]'
        """).explain();

    assertThat(report.resources()).singleElement().satisfies(drift -> {
      assertThat(drift.state()).isEqualTo(ComplianceState.INVALID_CUSTOMIZATION);
      assertThat(drift.problem()).startsWith(CustomizationAnnotations.PATCH);
      assertThat(drift.fields()).isEmpty();
    });
    assertThat(report.customizations()).singleElement()
        .satisfies(c -> assertThat(c.customizations().types()).containsExactly("patch"));
  }

  @Test
  void listsCustomizationsOfCompliantAndUnmanagedResourcesToo() {
    DriftReport report = TrackedResources.golden(
        configMap("ignored", "a: '1'"), configMap("unmanaged", "a: '1'"),
        configMap("plain", "a: '1'"), configMap("paused", "a: '1'"))
        .live(configMap("ignored", "a: '2'", "platform.kubevirt.io/ignore-fields: /data/a"))
        .live(configMap("unmanaged", "a: '2'", "platform.kubevirt.io/mode: unmanaged"))
        .live(configMap("plain", "a: '1'"))
        .live(configMap("paused", "a: '2'", "platform.kubevirt.io/reconcile-paused: 'true'"))
        .explain();

    assertThat(report.judged()).isEqualTo(4);
    assertThat(report.resources()).extracting(d -> d.ref().name()).containsExactly("paused");
    assertThat(report.resources().get(0).customizations().reconcilePaused()).isTrue();
    assertThat(report.customizations()).extracting(c -> c.ref().name())
        .containsExactly("ignored", "paused", "unmanaged");
    assertThat(report.customizations().get(0).customizations().ignoredPointers())
        .containsExactly("/data/a");
    assertThat(report.customizations().get(2).customizations().types())
        .containsExactly("unmanaged");
  }

  @Test
  void namesTheManagerThroughPatchedGoldenListPositions() {
    String live = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: virt-api
          namespace: kubevirt
          annotations:
            platform.kubevirt.io/patch: >-
              [{"op":"add","path":"/spec/template/spec/containers/0",
                "value":{"name":"debug","image":"busybox"}}]
          managedFields:
          - manager: virt-operator
            operation: Update
            time: "2024-05-01T10:00:00Z"
            fieldsV1:
              f:spec:
                f:template:
                  f:spec:
                    f:containers:
                      k:{"name":"virt-api"}: {f:image: {}, f:env: {}}
                      k:{"name":"sidecar"}: {f:image: {}}
                      k:{"name":"debug"}: {f:image: {}}
        spec:
          template:
            spec:
              containers:
              - {name: debug, image: busybox}
              - {name: virt-api, image: virt-api:v1, env: [{name: LOG_LEVEL, value: "2"}]}
              - {name: sidecar, image: sidecar:v1}
        """;

    DriftReport report = TrackedResources.golden(GOLDEN_DEPLOYMENT).live(live).explain();

    assertThat(report.resources()).singleElement().extracting(ResourceDrift::fields)
        .isEqualTo(List.of(new FieldDrift("/spec/template/spec/containers/1/image",
            ".spec.template.spec.containers[name=\"virt-api\"].image",
            "virt-api:v2", "virt-api:v1", false, "virt-operator", false)));
  }

  private static String configMap(String name, String data, String... annotations) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
        + "\n  namespace: kubevirt\n"
        + (annotations.length == 0 ? "" : "  annotations: {" + String.join(", ", annotations)
            + "}\n")
        + "data: {" + data + "}\n";
  }

  private static String tuning(String manager, String mode) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: tuning
          namespace: cdi
          managedFields:
          - manager: %s
            operation: Update
            time: "2024-05-01T10:00:00Z"
            fieldsV1: {f:data: {f:mode: {}}}
        data: {mode: %s}
        """.formatted(manager, mode);
  }

  @Test
  void anEditWarListsEachManagerWithTheFieldsItWroteOnlyOnceAnEpisodeRuns() {
    TrackedResources resources = TrackedResources.golden("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: tuning, namespace: cdi}
        data: {mode: fast, size: "1"}
        """);
    resources.live(tuning("autopilot", "fast").replace("{mode: fast}", "{mode: fast, size: \"1\"}"));
    for (int flip = 0; flip < 2; flip++) {
      resources.live(tuning("sneaky", "slow").replace("{mode: slow}",
          "{mode: slow, size: \"1\"}"));
      resources.live(tuning("autopilot", "fast").replace("{mode: fast}",
          "{mode: fast, size: \"1\"}"));
    }
    assertThat(resources.explain().editWars()).as("four flips are no edit war yet").isEmpty();

    resources.live(tuning("sneaky", "slow").replace("{mode: slow}", "{mode: slow, size: \"1\"}"));
    // A removal leaves no managedFields trace: it names no one.
    resources.live(tuning("sneaky", "slow"));
    resources.live(tuning("autopilot", "fast").replace("{mode: fast}",
        "{mode: fast, size: \"1\"}"));

    assertThat(resources.explain().editWars()).singleElement().satisfies(war -> {
      assertThat(war.ref().name()).isEqualTo("tuning");
      assertThat(war.actors()).containsOnlyKeys("autopilot", "sneaky");
      assertThat(war.actors().get("sneaky")).containsExactly(".data.mode");
      assertThat(war.actors().get("autopilot")).containsExactly(".data.mode");
    });
  }
}
