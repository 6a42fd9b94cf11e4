package io.virtplatform.exporter.core.diagnostics.storage;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.testing.ClusterViewRun;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default-StorageClass check against the mock API server. */
class DefaultStorageClassDiagnosticTest {

  private static final String METRIC = "virt_platform_default_storage_classes";
  private static final String KUBERNETES = "storageclass.kubernetes.io/is-default-class";
  private static final String VIRTUALIZATION = "storageclass.kubevirt.io/is-default-virt-class";

  private final ClusterViewRun run = new ClusterViewRun(DefaultStorageClassDiagnostic::new);

  @BeforeEach
  void configure() {
    run.apply(DiagnosticsSettings.DEFAULT);
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private void create(String name, Map<String, String> annotations) {
    StorageClass sc = new StorageClassBuilder().withNewMetadata().withName(name)
        .withAnnotations(annotations).endMetadata().withProvisioner("rbd.csi.ceph.com").build();
    run.client().resource(sc).create();
  }

  private void awaitCounts(double kubernetes, double virtualization) {
    await(() -> assertThat(run.scrape().all(METRIC)).containsOnly(
        Map.entry(METRIC + "{type=\"kubernetes\"}", kubernetes),
        Map.entry(METRIC + "{type=\"virtualization\"}", virtualization)));
  }

  @Test
  void zeroDefaultsIsReportedAsZeroNotAsNothing() {
    create("slow-hdd", Map.of());
    create("opted-out", Map.of(KUBERNETES, "false", VIRTUALIZATION, "false"));

    awaitCounts(0, 0);
  }

  @Test
  void oneDefaultOfEachKind() {
    create("local-path", Map.of(KUBERNETES, "true"));
    create("virt-default", Map.of(VIRTUALIZATION, "true"));
    create("slow-hdd", Map.of());

    awaitCounts(1, 1);
  }

  @Test
  void twoDefaultsAreCountedAndTheCountFollowsChanges() {
    create("local-path", Map.of(KUBERNETES, "true"));
    create("ceph-rbd", Map.of(KUBERNETES, "true"));
    awaitCounts(2, 0);

    run.client().storage().v1().storageClasses().withName("local-path").delete();
    awaitCounts(1, 0);
  }

  @Test
  void theBetaAnnotationCountsAndOnlyExactlyTrueIsDefault() {
    create("legacy", Map.of("storageclass.beta.kubernetes.io/is-default-class", "true"));
    create("both-annotations", Map.of(KUBERNETES, "true",
        "storageclass.beta.kubernetes.io/is-default-class", "true"));
    create("capitalized", Map.of(KUBERNETES, "True", VIRTUALIZATION, "yes"));

    awaitCounts(2, 0);
  }

  @Test
  void closingRemovesTheSeries() {
    create("local-path", Map.of(KUBERNETES, "true"));
    awaitCounts(1, 0);

    run.close();

    assertThat(run.scrape().all(METRIC)).isEmpty();
  }
}
