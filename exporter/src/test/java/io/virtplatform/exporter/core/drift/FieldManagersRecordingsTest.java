package io.virtplatform.exporter.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.diff.Documents;
import io.virtplatform.exporter.testing.Recordings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The last writer of a field, on managedFields as a real v1.26 API server wrote them (recordings 26
 * and 27): the lookup the edit-war actors need, on the two sides of a flip.
 */
class FieldManagersRecordingsTest {

  private static final Map<String, Object> REPLICAS = Documents.yaml("""
      apiVersion: apps/v1
      kind: Deployment
      spec:
        replicas: 2
      """);

  private static String writerOfReplicas(int document) {
    return FieldManagers.of(Recordings.documents("26-ssa-then-patch.yaml").get(document))
        .lastWriter("/spec/replicas", REPLICAS).orElse(null);
  }

  @Test
  void aPatchByAnotherManagerTakesTheFieldAndAForcedApplyTakesItBack() {
    assertThat(writerOfReplicas(1)).as("after the apply").isEqualTo("platform-autopilot");
    assertThat(writerOfReplicas(2)).as("after kubectl patch --field-manager=rogue-admin")
        .isEqualTo("rogue-admin");
    assertThat(writerOfReplicas(3)).as("after the apply with --force-conflicts")
        .isEqualTo("platform-autopilot");
  }

  @Test
  void fieldsTheOtherManagerDidNotTouchStayWithTheFirst() {
    Map<String, Object> golden = Documents.yaml("""
        metadata:
          labels: {}
        data:
          keep: "x"
          added: "3"
        """);
    var afterAdd = FieldManagers.of(Recordings.documents("27-json-patch-remove.yaml").get(3));

    assertThat(afterAdd.lastWriter("/data/added", golden)).contains("cleanup-bot");
    assertThat(afterAdd.lastWriter("/data/keep", golden)).contains("recorder");
  }
}
