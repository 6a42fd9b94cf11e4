package io.virtplatform.exporter.core.compliance;

import static io.virtplatform.exporter.core.diff.Documents.set;
import static io.virtplatform.exporter.core.diff.Documents.yaml;
import static io.virtplatform.exporter.core.diff.FieldDifference.absent;
import static io.virtplatform.exporter.core.diff.FieldDifference.changed;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.diff.FieldDifference;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComplianceEvaluatorTest {

  private static final String GOLDEN = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: virt-api
        namespace: kubevirt
        labels: {app: virt-api}
      spec:
        replicas: 2
        template:
          spec:
            containers:
            - name: virt-api
              image: quay.io/kubevirt/virt-api:v1.4.0
              resources:
                requests: {cpu: 500m, memory: 1Gi}
      """;

  /** The object as the API server returns it: canonical quantities, defaults, status. */
  private static final String LIVE = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: virt-api
        namespace: kubevirt
        uid: 0b5c
        resourceVersion: "1234"
        labels: {app: virt-api, pod-template-hash: 7f9c}
        annotations: {deployment.kubernetes.io/revision: "3"}
      spec:
        replicas: 2
        progressDeadlineSeconds: 600
        template:
          spec:
            containers:
            - name: virt-api
              image: quay.io/kubevirt/virt-api:v1.4.0
              imagePullPolicy: IfNotPresent
              resources:
                requests: {cpu: 500m, memory: 1Gi}
            - name: proxy
              image: kube-api-rewriter:v1
      status: {readyReplicas: 2}
      """;

  private static final ResourceRef REF =
      new ResourceRef(new GroupVersionKind("apps", "v1", "Deployment"), "kubevirt", "virt-api");
  private static final GoldenObject GOLDEN_OBJECT =
      new GoldenObject(REF, yaml(GOLDEN), new SourceLocation(Path.of("golden/virt-api.yaml"), 1));

  private static final String IMAGE = "/spec/template/spec/containers/0/image";
  private static final String LIMITS = "/spec/template/spec/containers/0/resources/limits";

  private final List<String> warnings = new ArrayList<>();
  private final ComplianceEvaluator evaluator = new ComplianceEvaluator(warnings::add);

  /** The live object with some fields set (null removes) and some annotations added. */
  private static Map<String, Object> live(Map<String, String> annotations, Object... pointerValues) {
    Map<String, Object> live = yaml(LIVE);
    for (int i = 0; i < pointerValues.length; i += 2) {
      set(live, (String) pointerValues[i], pointerValues[i + 1]);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> liveAnnotations =
        (Map<String, Object>) ((Map<String, Object>) live.get("metadata")).get("annotations");
    liveAnnotations.putAll(annotations);
    return live;
  }

  private static Map<String, Object> live(Object... pointerValues) {
    return live(Map.of(), pointerValues);
  }

  private static Arguments evaluation(String name, Map<String, Object> live,
      ComplianceState state, List<String> types, FieldDifference... differences) {
    return Arguments.of(name, live, state, types, List.of(differences));
  }

  static Stream<Arguments> evaluations() {
    return Stream.of(
        evaluation("live equals golden", live(), ComplianceState.COMPLIANT, List.of()),
        evaluation("identity fields are not compared",
            live("/apiVersion", null, "/kind", null, "/metadata/namespace", "elsewhere"),
            ComplianceState.COMPLIANT, List.of()),
        evaluation("drifted fields",
            live("/spec/replicas", 3, IMAGE, "quay.io/kubevirt/virt-api:v1.5.0",
                "/metadata/labels/app", null),
            ComplianceState.DRIFTED, List.of(),
            absent("/metadata/labels/app", "virt-api"),
            changed("/spec/replicas", 2, 3),
            changed(IMAGE, "quay.io/kubevirt/virt-api:v1.4.0",
                "quay.io/kubevirt/virt-api:v1.5.0")),
        evaluation("unmanaged is not compared",
            live(Map.of("platform.kubevirt.io/mode", "Unmanaged",
                    "platform.kubevirt.io/patch", "not json"),
                "/spec/replicas", 3),
            ComplianceState.UNMANAGED, List.of("unmanaged")),
        evaluation("paused and compliant",
            live(Map.of("platform.kubevirt.io/reconcile-paused", "true")),
            ComplianceState.COMPLIANT, List.of()),
        evaluation("ignore-fields: exact pointer",
            live(Map.of("platform.kubevirt.io/ignore-fields", "/spec/replicas"),
                "/spec/replicas", 5, IMAGE, "virt-api:dev"),
            ComplianceState.DRIFTED, List.of("ignore"),
            changed(IMAGE, "quay.io/kubevirt/virt-api:v1.4.0", "virt-api:dev")),
        evaluation("ignore-fields: subtree",
            live(Map.of("platform.kubevirt.io/ignore-fields", "/spec/template, /spec/replicas"),
                "/spec/replicas", 5, IMAGE, "virt-api:dev",
                "/spec/template/spec/containers/0/resources", Map.of()),
            ComplianceState.COMPLIANT, List.of("ignore")),
        evaluation("patch replace: live follows the patched value",
            live(Map.of("platform.kubevirt.io/patch",
                    "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]"),
                "/spec/replicas", 5),
            ComplianceState.COMPLIANT, List.of("patch")),
        evaluation("patch replace: live still holds the original value",
            live(Map.of("platform.kubevirt.io/patch",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]")),
            ComplianceState.DRIFTED, List.of("patch"),
            changed("/spec/replicas", 5, 2)),
        evaluation("patch add: a field the live object lacks",
            live(Map.of("platform.kubevirt.io/patch", """
                [{"op": "add", "path": "%s", "value": {"memory": "2Gi"}}]""".formatted(LIMITS))),
            ComplianceState.DRIFTED, List.of("patch"),
            absent(LIMITS + "/memory", "2Gi")),
        evaluation("patch add: a field the live object has, in another unit",
            live(Map.of("platform.kubevirt.io/patch", """
                [{"op": "add", "path": "%s", "value": {"memory": "2Gi"}}]""".formatted(LIMITS)),
                LIMITS, new LinkedHashMap<>(Map.of("memory", "2048Mi"))),
            ComplianceState.COMPLIANT, List.of("patch")),
        evaluation("patch remove: the field is no longer compared",
            live(Map.of("platform.kubevirt.io/patch",
                    "[{\"op\":\"remove\",\"path\":\"/spec/replicas\"}]"),
                "/spec/replicas", 7),
            ComplianceState.COMPLIANT, List.of("patch")),
        evaluation("patch and ignore-fields together",
            live(Map.of("platform.kubevirt.io/patch",
                    "[{\"op\":\"replace\",\"path\":\"%s\",\"value\":\"virt-api:dev\"}]"
                        .formatted(IMAGE),
                    "platform.kubevirt.io/ignore-fields", "/spec/replicas"),
                "/spec/replicas", 9, IMAGE, "virt-api:dev",
                "/spec/template/spec/containers/0/resources/requests/cpu", "1"),
            ComplianceState.DRIFTED, List.of("patch", "ignore"),
            changed("/spec/template/spec/containers/0/resources/requests/cpu", "500m", "1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evaluations")
  void evaluatesLiveObjectsWithTheirCustomizations(String name, Map<String, Object> live,
      ComplianceState state, List<String> types, List<FieldDifference> differences) {
    ComplianceResult result = evaluator.evaluate(GOLDEN_OBJECT, live);

    assertThat(result.ref()).isEqualTo(REF);
    assertThat(result.state()).isEqualTo(state);
    assertThat(result.differences()).containsExactlyElementsOf(differences);
    assertThat(result.driftedFields()).isEqualTo(differences.size());
    assertThat(result.compliant()).isEqualTo(state == ComplianceState.COMPLIANT);
    assertThat(result.customizations().types()).containsExactlyElementsOf(types);
    assertThat(result.problem()).isNull();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aMissingObjectLacksEveryGoldenFieldButItsIdentity() {
    ComplianceResult result = evaluator.evaluate(GOLDEN_OBJECT, null);

    assertThat(result.state()).isEqualTo(ComplianceState.MISSING);
    assertThat(result.compliant()).isFalse();
    assertThat(result.customizations()).isEqualTo(Customizations.NONE);
    assertThat(result.differences()).containsExactly(
        absent("/metadata/labels/app", "virt-api"),
        absent("/spec/replicas", 2),
        absent("/spec/template/spec/containers/0/name", "virt-api"),
        absent(IMAGE, "quay.io/kubevirt/virt-api:v1.4.0"),
        absent("/spec/template/spec/containers/0/resources/requests/cpu", "500m"),
        absent("/spec/template/spec/containers/0/resources/requests/memory", "1Gi"));
    assertThat(result.driftedFields()).isEqualTo(6);
  }

  @Test
  void carriesThePauseWhateverTheState() {
    Map<String, String> paused = Map.of("platform.kubevirt.io/reconcile-paused", "true");

    assertThat(evaluator.evaluate(GOLDEN_OBJECT, live(paused, "/spec/replicas", 3))
        .customizations().reconcilePaused()).isTrue();
    assertThat(evaluator.evaluate(GOLDEN_OBJECT, live(Map.of(
            "platform.kubevirt.io/reconcile-paused", "true",
            "platform.kubevirt.io/mode", "unmanaged")))
        .customizations().reconcilePaused()).isTrue();
    assertThat(evaluator.evaluate(GOLDEN_OBJECT, live()).customizations().reconcilePaused())
        .isFalse();
  }

  static Stream<Arguments> invalidCustomizations() {
    return Stream.of(
        Arguments.of("patch is not JSON",
            Map.of("platform.kubevirt.io/patch", "[{\"op\": replace}]"),
            "platform.kubevirt.io/patch is not valid JSON: Unrecognized token 'replace'"),
        Arguments.of("patch is not an array",
            Map.of("platform.kubevirt.io/patch",
                "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}"),
            "platform.kubevirt.io/patch must be a JSON array of RFC 6902 operations,"
                + " found a JSON object"),
        Arguments.of("test operation fails",
            Map.of("platform.kubevirt.io/patch", """
                [{"op": "replace", "path": "/spec/replicas", "value": 5},
                 {"op": "test", "path": "/spec/replicas", "value": 2}]"""),
            "platform.kubevirt.io/patch: operation 1 (test /spec/replicas) failed:"),
        Arguments.of("path not found",
            Map.of("platform.kubevirt.io/patch",
                "[{\"op\":\"replace\",\"path\":\"/spec/paused\",\"value\":true}]"),
            "platform.kubevirt.io/patch: operation 0 (replace /spec/paused) failed:"),
        Arguments.of("removing a field that does not exist",
            Map.of("platform.kubevirt.io/patch",
                "[{\"op\":\"remove\",\"path\":\"/spec/paused\"}]"),
            "platform.kubevirt.io/patch: operation 0 (remove /spec/paused) failed:"),
        Arguments.of("unknown operation",
            Map.of("platform.kubevirt.io/patch", "[{\"op\":\"merge\",\"path\":\"/spec\"}]"),
            "platform.kubevirt.io/patch: operation 0 (merge /spec) failed:"),
        Arguments.of("patch replaces the whole document",
            Map.of("platform.kubevirt.io/patch", "[{\"op\":\"replace\",\"path\":\"\",\"value\":1}]"),
            "platform.kubevirt.io/patch turns the golden document into a JSON number"),
        Arguments.of("ignored pointer without leading slash",
            Map.of("platform.kubevirt.io/ignore-fields", "/spec/replicas,spec/paused"),
            "platform.kubevirt.io/ignore-fields: \"spec/paused\" is not a JSON Pointer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCustomizations")
  void anUnusableCustomizationIsReportedNotGuessed(
      String name, Map<String, String> annotations, String problem) {
    ComplianceResult result = evaluator.evaluate(GOLDEN_OBJECT, live(annotations));

    assertThat(result.state()).isEqualTo(ComplianceState.INVALID_CUSTOMIZATION);
    assertThat(result.compliant()).isFalse();
    assertThat(result.differences()).isEmpty();
    assertThat(result.driftedFields()).isEqualTo(1);
    assertThat(result.problem()).startsWith(problem);
    assertThat(warnings).singleElement().asString()
        .startsWith("Deployment kubevirt/virt-api: invalid customization")
        .endsWith(result.problem());
  }

  @Test
  void aJsonSyntaxProblemSaysWhere() {
    ComplianceResult result = evaluator.evaluate(GOLDEN_OBJECT,
        live(Map.of("platform.kubevirt.io/patch", "[\n  {\"op\": \"add\",}\n]")));

    assertThat(result.problem()).endsWith("(line 2, column 16)");
  }

  @Test
  void warnsOncePerDistinctProblem() {
    Map<String, Object> notJson = live(Map.of("platform.kubevirt.io/patch", "nope"));
    Map<String, Object> failingTest = live(Map.of("platform.kubevirt.io/patch",
        "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":3}]"));

    evaluator.evaluate(GOLDEN_OBJECT, notJson);
    evaluator.evaluate(GOLDEN_OBJECT, notJson);
    assertThat(warnings).hasSize(1);

    evaluator.evaluate(GOLDEN_OBJECT, failingTest);
    evaluator.evaluate(GOLDEN_OBJECT, failingTest);
    assertThat(warnings).hasSize(2);

    evaluator.evaluate(GOLDEN_OBJECT, live());
    evaluator.evaluate(GOLDEN_OBJECT, failingTest);
    assertThat(warnings).as("a problem that comes back is worth a new warning").hasSize(3);
  }

  @Test
  void neverModifiesTheGoldenDocument() {
    evaluator.evaluate(GOLDEN_OBJECT, live(Map.of("platform.kubevirt.io/patch", """
        [{"op": "remove", "path": "/spec/replicas"},
         {"op": "add", "path": "/spec/template/spec/containers/0/args", "value": ["--v=2"]}]""")));

    assertThat(GOLDEN_OBJECT.desired()).isEqualTo(yaml(GOLDEN));
  }
}
