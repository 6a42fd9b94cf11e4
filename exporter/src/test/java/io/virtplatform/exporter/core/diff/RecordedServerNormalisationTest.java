package io.virtplatform.exporter.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.testing.Recordings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The subset diff against what a real v1.26 API server stores: an object applied exactly as its
 * golden document says must be judged compliant once the server has dropped its zero values,
 * canonicalised its quantities, filled in defaults and added managedFields (the recordings in
 * {@code src/test/resources/apiserver-recordings}, README there).
 */
class RecordedServerNormalisationTest {

  private static final Set<String> IDENTITY =
      Set.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "02-deployment-zero-values.yaml",
      "03-deployment-quantities.yaml",
      "04-deployment-env.yaml",
      "05-deployment-ports.yaml",
      "06-deployment-probes.yaml",
      "07-daemonset.yaml",
      "08-statefulset.yaml",
      "09-configmap.yaml",
      "10-service-clusterip.yaml",
      "11-service-nodeport.yaml",
      "12-storageclass.yaml",
      "13-persistentvolumeclaim.yaml",
      "14-validatingwebhookconfiguration.yaml",
      "16-kubevirt-preserve-unknown.yaml",
      "18-datavolume.yaml",
      "20-widget-structural.yaml",
      "23-pod-virt-launcher.yaml"})
  void theSentDocumentAsGoldenStateIsSatisfiedByItsStoredForm(String file) {
    assertThat(SubsetDiff.diff(golden(file), Recordings.stored(file), IDENTITY)).isEmpty();
  }

  @Test
  void reApplyingTheZeroValueDeploymentStaysCompliant() {
    // 02 doc 3: the same document applied again, with a new resourceVersion.
    assertThat(SubsetDiff.diff(golden("02-deployment-zero-values.yaml"),
        Recordings.documents("02-deployment-zero-values.yaml").get(2), IDENTITY)).isEmpty();
  }

  @Test
  void theRecordingDropsTheZeroValuesThatTheDiffAccepts() {
    // Guards the premise: were these present live, the test above would prove nothing about them.
    Map<String, Object> spec = map(Recordings.stored("02-deployment-zero-values.yaml"), "spec");
    assertThat(spec).doesNotContainKeys("paused", "minReadySeconds");
    assertThat(map(map(spec, "template"), "spec"))
        .doesNotContainKeys("hostNetwork", "serviceAccountName", "tolerations", "nodeSelector");
    assertThat(map(golden("02-deployment-zero-values.yaml"), "spec"))
        .containsEntry("paused", false).containsEntry("minReadySeconds", 0);
  }

  @Test
  void aZeroValueGoldenFieldIsStillDriftWhenTheLiveValueDiffers() {
    Map<String, Object> live = Recordings.stored("02-deployment-zero-values.yaml");
    map(live, "spec").put("paused", true);
    assertThat(SubsetDiff.diff(golden("02-deployment-zero-values.yaml"), live, IDENTITY))
        .containsExactly(FieldDifference.changed("/spec/paused", false, true));
  }

  @Test
  void customResourceQuantitiesAreKeptVerbatimAndStillCompareByValue() {
    Map<String, Object> stored = Recordings.stored("16-kubevirt-preserve-unknown.yaml");
    Map<String, Object> configuration = map(map(stored, "spec"), "configuration");
    assertThat(configuration).containsEntry("cpuRequest", "0.5");
    configuration.put("cpuRequest", "500m");
    assertThat(SubsetDiff.diff(golden("16-kubevirt-preserve-unknown.yaml"), stored, IDENTITY))
        .isEmpty();
  }

  @Test
  void intOrStringValuesAreKeptAsWrittenAndAPercentIsNoNumber() {
    // 06: maxSurge 1 stays an int, maxUnavailable "0%" a string, probe port http a string.
    Map<String, Object> golden = golden("06-deployment-probes.yaml");
    Map<String, Object> rollingUpdate = map(map(map(golden, "spec"), "strategy"), "rollingUpdate");
    rollingUpdate.put("maxUnavailable", 0);
    rollingUpdate.put("maxSurge", "1%");

    assertThat(SubsetDiff.diff(golden, Recordings.stored("06-deployment-probes.yaml"), IDENTITY))
        .containsExactly(
            FieldDifference.changed("/spec/strategy/rollingUpdate/maxSurge", "1%", 1),
            FieldDifference.changed("/spec/strategy/rollingUpdate/maxUnavailable", 0, "0%"));
  }

  @Test
  void aNullGoldenFieldIsDriftWhenAStructuralSchemaDefaultsIt() {
    // 20 sent `mode: null`: the server prunes the null and then applies the schema default.
    Map<String, Object> sent = Recordings.sent("20-widget-structural.yaml");
    sent.remove("status");
    assertThat(SubsetDiff.diff(sent, Recordings.stored("20-widget-structural.yaml"), IDENTITY))
        .containsExactly(FieldDifference.changed("/spec/mode", null, "auto"));
  }

  /**
   * The sent document as a golden document: without {@code status}, which a golden state does
   * not hold (a status subresource drops it, 16 and 18), and without 20's {@code mode: null} (see
   * {@link #aNullGoldenFieldIsDriftWhenAStructuralSchemaDefaultsIt}).
   */
  private static Map<String, Object> golden(String file) {
    Map<String, Object> sent = Recordings.sent(file);
    sent.remove("status");
    if (file.startsWith("20-")) {
      map(sent, "spec").remove("mode");
    }
    return sent;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

}
