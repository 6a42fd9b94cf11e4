package io.virtplatform.exporter.core.diagnostics.datavolume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.virtplatform.exporter.testing.Recordings;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportRequestTest {

  private static GenericKubernetesResource dataVolume(Map<String, Object> spec, String phase) {
    GenericKubernetesResourceBuilder dv = new GenericKubernetesResourceBuilder()
        .withApiVersion("cdi.kubevirt.io/v1beta1").withKind("DataVolume")
        .withNewMetadata().withName("disk").withNamespace("vms").endMetadata()
        .addToAdditionalProperties("spec", spec);
    if (phase != null) dv.addToAdditionalProperties("status", Map.of("phase", phase));
    return dv.build();
  }

  private static Map<String, Object> claim(String size) {
    return Map.of("resources", Map.of("requests", Map.of("storage", size)));
  }

  @Test
  void theStoredRecordingIsAnImportWaitingForItsOneGibibyte() {
    GenericKubernetesResource stored = new KubernetesSerialization().convertValue(
        Recordings.stored("18-datavolume.yaml"), GenericKubernetesResource.class);

    assertThat(ImportRequest.of(stored)).contains(
        new ImportRequest("rec", "fedora-dv", BigDecimal.valueOf(1L << 30)));
  }

  @Test
  void readsPvcOrStorageSizesOfImportSourcesInWaitingPhases() {
    assertThat(ImportRequest.of(dataVolume(Map.of("source", Map.of("registry", Map.of()),
        "pvc", claim("20Gi")), "ImportScheduled")).orElseThrow().storage())
        .isEqualByComparingTo(BigDecimal.valueOf(20L << 30));
    assertThat(ImportRequest.of(dataVolume(Map.of("source", Map.of("s3", Map.of()),
        "storage", claim("1500M")), "PVCBound")).orElseThrow().storage())
        .isEqualByComparingTo(BigDecimal.valueOf(1_500_000_000L));
  }

  @Test
  void otherSourcesLaterPhasesAndUnknownSizesAreNoWaitingImport() {
    assertThat(ImportRequest.of(dataVolume(Map.of("source", Map.of("upload", Map.of()),
        "pvc", claim("1Gi")), "Pending"))).as("upload").isEmpty();
    assertThat(ImportRequest.of(dataVolume(Map.of("source", Map.of("http", Map.of()),
        "pvc", claim("1Gi")), "ImportInProgress"))).as("already importing").isEmpty();
    assertThat(ImportRequest.of(dataVolume(Map.of("source", Map.of("http", Map.of()),
        "storage", Map.of()), "Pending"))).as("size left to CDI").isEmpty();
    assertThat(ImportRequest.of(dataVolume(Map.of("source", Map.of("http", Map.of()),
        "pvc", claim("lots")), "Pending"))).as("no quantity").isEmpty();
    assertThat(ImportRequest.of(dataVolume(Map.of("sourceRef", Map.of("kind", "DataSource"),
        "storage", claim("1Gi")), null))).as("a DataSource clone").isEmpty();
  }
}
