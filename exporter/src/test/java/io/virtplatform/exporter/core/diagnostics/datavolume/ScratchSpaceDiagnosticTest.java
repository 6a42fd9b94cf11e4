package io.virtplatform.exporter.core.diagnostics.datavolume;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Recordings;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CDIConfig's scratch StorageClass (CDI document, issue 5), against the mock API server. */
class ScratchSpaceDiagnosticTest {

  private static final String MISSING = "virt_platform_cdi_scratch_storage_class_missing";

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun(ScratchSpaceDiagnostic::new);
    run.installCrd("cdi.kubevirt.io", "v1beta1", "CDIConfig", false);
    run.apply(DiagnosticsSettings.DEFAULT);
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private void putCdiConfig(String scratchClass) {
    var config = new GenericKubernetesResourceBuilder()
        .withApiVersion("cdi.kubevirt.io/v1beta1").withKind("CDIConfig")
        .withNewMetadata().withName("config").endMetadata()
        .addToAdditionalProperties("spec", Map.of())
        .addToAdditionalProperties("status", scratchClass == null ? Map.of()
            : Map.of("scratchSpaceStorageClass", scratchClass))
        .build();
    run.client().genericKubernetesResources("cdi.kubevirt.io/v1beta1", "CDIConfig")
        .resource(config).createOr(existing -> existing.update());
  }

  @Test
  void aScratchClassThatIsDeletedIsMissingUntilItIsBack() {
    // The StorageClass as a real server stores it (recording 12).
    Recordings.createStored(run.client(), "12-storageclass.yaml");
    String name = run.client().storage().v1().storageClasses().list().getItems().get(0)
        .getMetadata().getName();
    putCdiConfig(name);
    String labels = "name=\"config\",storage_class=\"" + name + "\"";
    await(() -> assertThat(run.scrape().get(MISSING, labels)).isEqualTo(0.0));

    run.client().storage().v1().storageClasses().withName(name).delete();
    await(() -> assertThat(run.scrape().get(MISSING, labels)).isEqualTo(1.0));

    run.client().storage().v1().storageClasses().resource(new StorageClassBuilder()
        .withNewMetadata().withName(name).endMetadata().withProvisioner("example.com/csi")
        .build()).create();
    await(() -> assertThat(run.scrape().get(MISSING, labels)).isEqualTo(0.0));
  }

  @Test
  void noScratchClassNoSeriesAndWithoutCdiNothingIsWatched() {
    putCdiConfig(null);
    run.settle();
    assertThat(run.scrape().all(MISSING)).isEmpty();

    putCdiConfig("gone");
    await(() -> assertThat(run.scrape().get(MISSING, "name=\"config\",storage_class=\"gone\""))
        .isEqualTo(1.0));

    run.removeCrd("cdi.kubevirt.io", "CDIConfig");
    await(() -> assertThat(run.scrape().all(MISSING)).isEmpty());
  }
}
