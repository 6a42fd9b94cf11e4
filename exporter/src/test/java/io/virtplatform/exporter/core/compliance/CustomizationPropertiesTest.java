package io.virtplatform.exporter.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.testing.RandomInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever the customization annotations of a live object hold, the evaluator returns a verdict:
 * no exception escapes, and an invalid customization comes with its reason.
 */
class CustomizationPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceRef REF =
      new ResourceRef(new GroupVersionKind("apps", "v1", "Deployment"), "kubevirt", "virt-api");
  private static final List<String> TOKENS =
      List.of("spec", "replicas", "template", "containers", "0", "1", "-", "name", "~0", "~1",
          "~2", "", "metadata", "labels", "app", "99999999999999999999");

  @Test
  void anyAnnotationsGiveAVerdict() {
    ComplianceEvaluator evaluator = new ComplianceEvaluator(warning -> { });
    RandomInputs.forEachSeed(1000, seed -> {
      RandomInputs random = new RandomInputs(seed);
      GoldenObject golden = new GoldenObject(REF, golden(random),
          new SourceLocation(Path.of("golden.yaml"), 1));
      Map<String, Object> live = new LinkedHashMap<>(random.jsonMap(3));
      live.put("metadata", Map.of("annotations", annotations(random)));

      ComplianceResult result = evaluator.evaluate(golden, live);

      assertThat(result.state()).isNotNull();
      assertThat(result.problem() != null)
          .isEqualTo(result.state() == ComplianceState.INVALID_CUSTOMIZATION);
      assertThat(result.driftedFields()).isGreaterThanOrEqualTo(result.differences().size());
    });
  }

  private static Map<String, Object> golden(RandomInputs random) {
    Map<String, Object> golden = new LinkedHashMap<>(random.jsonMap(3));
    golden.put("spec", Map.of("replicas", 2, "template", Map.of("spec", Map.of("containers",
        List.of(Map.of("name", "virt-api", "image", "virt-api:v1"))))));
    return golden;
  }

  private static Map<String, String> annotations(RandomInputs random) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (random.chance(70)) {
      annotations.put(CustomizationAnnotations.PATCH,
          random.chance(80) ? patch(random) : random.anyString(40));
    }
    if (random.chance(40)) {
      annotations.put(CustomizationAnnotations.IGNORE_FIELDS,
          random.chance(70) ? pointer(random) + "," + pointer(random) : random.anyString(20));
    }
    if (random.chance(10)) {
      annotations.put(CustomizationAnnotations.MODE, random.pick(List.of("unmanaged", "x", "")));
    }
    return annotations;
  }

  private static String patch(RandomInputs random) {
    List<Object> operations = new ArrayList<>();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      Map<String, Object> operation = new LinkedHashMap<>();
      if (random.chance(95)) {
        operation.put("op", random.pick(
            List.of("add", "remove", "replace", "move", "copy", "test", "bogus")));
      }
      if (random.chance(95)) {
        operation.put("path", pointer(random));
      }
      if (random.chance(50)) {
        operation.put("from", pointer(random));
      }
      if (random.chance(70)) {
        operation.put("value", random.jsonValue(3));
      }
      operations.add(random.chance(95) ? operation : random.jsonValue(1));
    }
    try {
      return JSON.writeValueAsString(random.chance(95) ? operations : random.jsonValue(2));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pointer(RandomInputs random) {
    StringBuilder pointer = new StringBuilder();
    int depth = random.nextInt(5);
    for (int i = 0; i < depth; i++) {
      pointer.append('/').append(random.pick(TOKENS));
    }
    return random.chance(5) ? pointer.substring(Math.min(1, pointer.length())) : pointer.toString();
  }
}
