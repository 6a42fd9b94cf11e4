package io.virtplatform.exporter.core.compliance;

import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_ANNOTATION_CHARS;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_IGNORED_POINTERS;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_PATCHED_DOCUMENT_CHARS;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_PATCHED_DOCUMENT_DEPTH;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_PATCH_OPERATIONS;
import static io.virtplatform.exporter.core.compliance.CustomizationLimits.MAX_REPORTED_DIFFERENCES;
import static io.virtplatform.exporter.testing.HostileInput.copyBomb;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hostile customization annotations end as an invalid customization, never as a huge document. */
class CustomizationLimitsTest {

  private static final ResourceRef REF =
      new ResourceRef(new GroupVersionKind("", "v1", "ConfigMap"), "kubevirt", "settings");
  private static final GoldenObject GOLDEN = new GoldenObject(REF,
      Map.of("apiVersion", "v1", "kind", "ConfigMap",
          "metadata", Map.of("name", "settings", "namespace", "kubevirt"),
          "data", Map.of("mode", "fast")),
      new SourceLocation(Path.of("golden/settings.yaml"), 1));

  private final List<String> warnings = new ArrayList<>();
  private final ComplianceEvaluator evaluator = new ComplianceEvaluator(warnings::add);

  private ComplianceResult evaluateWith(Map<String, String> annotations) {
    Map<String, Object> live = new LinkedHashMap<>();
    live.put("apiVersion", "v1");
    live.put("kind", "ConfigMap");
    live.put("metadata", Map.of("name", "settings", "namespace", "kubevirt",
        "annotations", annotations));
    live.put("data", Map.of("mode", "fast"));
    return evaluator.evaluate(GOLDEN, live);
  }

  @Test
  void theCopyDoublingBombIsRejectedBeforeTheDocumentOutgrowsTheLimit() {
    ComplianceResult result = evaluateWith(Map.of(CustomizationAnnotations.PATCH, copyBomb(24)));

    assertThat(result.state()).isEqualTo(ComplianceState.INVALID_CUSTOMIZATION);
    assertThat(result.compliant()).isFalse();
    assertThat(result.driftedFields()).isEqualTo(1);
    assertThat(result.differences()).isEmpty();
    // {"k":"v"} is 9 characters and each copy doubles it plus a key, so the copy that would pass
    // 1 MiB is the 17th (operation 17); the 16th document (about 590,000 characters) is the
    // largest ever built.
    assertThat(result.problem()).isEqualTo("platform.kubevirt.io/patch: operation 17"
        + " (copy /data/s/c16) would make the golden document larger than 1048576 characters of"
        + " JSON or deeper than 100 levels");
    assertThat(warnings).singleElement().asString()
        .contains("ConfigMap kubevirt/settings", result.problem());
  }

  @Test
  void copiesBelowTheLimitStillApply() {
    ComplianceResult result = evaluateWith(Map.of(CustomizationAnnotations.PATCH, copyBomb(3)));

    // The live object has none of the 2^3 copies of {"k": "v"} the patch asks for.
    assertThat(result.state()).isEqualTo(ComplianceState.DRIFTED);
    assertThat(result.driftedFields()).isEqualTo(8);
  }

  @Test
  void aPatchWithTooManyOperationsIsInvalid() {
    String test = "{\"op\":\"test\",\"path\":\"/data/mode\",\"value\":\"fast\"}";
    String patch = IntStream.range(0, MAX_PATCH_OPERATIONS + 1).mapToObj(i -> test)
        .collect(Collectors.joining(",", "[", "]"));
    String atLimit = IntStream.range(0, MAX_PATCH_OPERATIONS).mapToObj(i -> test)
        .collect(Collectors.joining(",", "[", "]"));

    assertThat(evaluateWith(Map.of(CustomizationAnnotations.PATCH, patch)).problem())
        .isEqualTo("platform.kubevirt.io/patch: 101 operations, more than the limit of 100");
    assertThat(evaluateWith(Map.of(CustomizationAnnotations.PATCH, atLimit)).state())
        .isEqualTo(ComplianceState.COMPLIANT);
  }

  @Test
  void aPatchLongerThanTheAnnotationLimitIsInvalidWithoutBeingParsed() {
    String padded = "[" + " ".repeat(MAX_ANNOTATION_CHARS - 2) + "]";
    String tooLong = "[" + " ".repeat(MAX_ANNOTATION_CHARS - 1) + "]";

    assertThat(evaluateWith(Map.of(CustomizationAnnotations.PATCH, padded)).state())
        .isEqualTo(ComplianceState.COMPLIANT);
    assertThat(evaluateWith(Map.of(CustomizationAnnotations.PATCH, tooLong)).problem())
        .isEqualTo("platform.kubevirt.io/patch: 32769 characters, more than the limit of 32768");
  }

  @Test
  void aValueThatWouldNestPastTheDepthLimitIsRejected() {
    // /data/deep sits at depth 2; a value nested 98 levels reaches exactly 100, 99 levels too far.
    // At the limit the patch applies and the object is judged: the innermost {} is a zero value,
    // which the absent live field satisfies.
    assertThat(evaluateWith(Map.of(CustomizationAnnotations.PATCH, addNested(98))).state())
        .isEqualTo(ComplianceState.COMPLIANT);
    assertThat(evaluateWith(Map.of(CustomizationAnnotations.PATCH, addNested(99))).problem())
        .isEqualTo("platform.kubevirt.io/patch: operation 0 (add /data/deep) would make the golden"
            + " document larger than 1048576 characters of JSON or deeper than 100 levels");
  }

  @Test
  void aMoveIntoItsOwnDepthIsMeasuredToo() {
    String patch = "[" + addNested(60).substring(1, addNested(60).length() - 1)
        + ",{\"op\":\"copy\",\"from\":\"/data/deep\",\"path\":\"/data/other\"}"
        + ",{\"op\":\"move\",\"from\":\"/data/other\",\"path\":\"/data/deep" + "/a".repeat(59)
        + "/b\"}]";

    assertThat(evaluateWith(Map.of(CustomizationAnnotations.PATCH, patch)).problem())
        .startsWith("platform.kubevirt.io/patch: operation 2 (move /data/deep/a/a/");
  }

  @Test
  void ignoreFieldsWithTooManyPointersIsInvalid() {
    String pointers = IntStream.range(0, MAX_IGNORED_POINTERS + 1).mapToObj(i -> "/data/k" + i)
        .collect(Collectors.joining(","));

    assertThat(evaluateWith(Map.of(CustomizationAnnotations.IGNORE_FIELDS, pointers)).problem())
        .isEqualTo("platform.kubevirt.io/ignore-fields: 101 pointers, more than the limit of 100");
  }

  @Test
  void ignoreFieldsLongerThanTheAnnotationLimitIsInvalid() {
    String pointer = "/data/" + "x".repeat(MAX_ANNOTATION_CHARS);

    assertThat(evaluateWith(Map.of(CustomizationAnnotations.IGNORE_FIELDS, pointer)).problem())
        .isEqualTo("platform.kubevirt.io/ignore-fields: more than 32768 characters of pointers");
  }

  @Test
  void onlyTheFirstDifferencesAreKeptButAllAreCounted() {
    Map<String, Object> data = new LinkedHashMap<>();
    IntStream.range(0, 1500).forEach(i -> data.put("k" + i, "v"));
    GoldenObject golden = new GoldenObject(REF, Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "settings", "namespace", "kubevirt"), "data", data),
        GOLDEN.source());

    ComplianceResult result = evaluator.evaluate(golden, null);

    assertThat(result.driftedFields()).isEqualTo(1500);
    assertThat(result.differenceCount()).isEqualTo(1500);
    assertThat(result.differences()).hasSize(MAX_REPORTED_DIFFERENCES);
    assertThat(result.differences().get(0).pointer()).isEqualTo("/data/k0");
  }

  @Test
  void theMeasureMatchesCompactJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    var tree = json.readTree("{\"a\":[1,2.5,true,null,\"x\"],\"b\":{},\"c\":[],\"d\":{\"e\":\"f\"}}");

    JsonExtent extent = JsonExtent.of(tree, MAX_PATCHED_DOCUMENT_CHARS, MAX_PATCHED_DOCUMENT_DEPTH);

    assertThat(extent.chars()).isEqualTo(json.writeValueAsString(tree).length());
    assertThat(extent.depth()).isEqualTo(2);
  }

  private static String addNested(int levels) {
    String value = "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    return "[{\"op\":\"add\",\"path\":\"/data/deep\",\"value\":" + value + "}]";
  }
}
