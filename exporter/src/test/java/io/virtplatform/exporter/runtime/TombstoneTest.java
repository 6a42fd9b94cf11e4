package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Series;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Tombstones: objects the golden state declares must not exist, watched like managed ones. */
class TombstoneTest {

  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  private static final GroupVersionKind OLD_POLICY =
      new GroupVersionKind("legacy.kubevirt.io", "v1alpha1", "OldPolicy");
  private static final String LEGACY = "kind=\"ConfigMap\",name=\"legacy\",namespace=\"kubevirt\"";
  private static final String POLICY = "kind=\"OldPolicy\",name=\"default\",namespace=\"\"";

  @AutoClose private final ClusterViewRun run = new ClusterViewRun();

  private static GoldenObject tombstone(GroupVersionKind gvk, String namespace, String name) {
    Map<String, Object> metadata = namespace.isEmpty()
        ? Map.of("name", name) : Map.of("name", name, "namespace", namespace);
    return new GoldenObject(new ResourceRef(gvk, namespace, name), Map.of(
        "apiVersion", gvk.apiVersion(), "kind", gvk.kind(), "metadata", metadata),
        new SourceLocation(Path.of("tombstones.yaml"), 1), true);
  }

  @Test
  void oneWhileTheObjectExistsZeroOnceGoneAndNoComplianceSeries() {
    run.client().configMaps().inNamespace("kubevirt").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("legacy").withNamespace("kubevirt").endMetadata()
        .addToData("mode", "fast").build()).create();
    run.applyGolden(tombstone(CONFIG_MAP, "kubevirt", "legacy"));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_tombstone_status", LEGACY)).isEqualTo(1.0);
      assertThat(s.all("virt_platform_compliance_status")).isEmpty();
      assertThat(s.all("virt_platform_drifted_fields")).isEmpty();
      assertThat(s.all("virt_platform_edit_war_active")).isEmpty();
    });
    assertThat(run.watcher().judgements()).as("nothing to explain on /drift").isEmpty();

    run.client().configMaps().inNamespace("kubevirt").withName("legacy").delete();
    await(() -> assertThat(run.scrape().get("virt_platform_tombstone_status", LEGACY))
        .isEqualTo(0.0));

    run.applyGolden();
    await(() -> assertThat(run.scrape().all("virt_platform_tombstone_status")).isEmpty());
  }

  @Test
  void aKindOnlyTombstonesNameIsNoMissingDependencyAndItsObjectsAreGoneWithIt() {
    run.installCrd("legacy.kubevirt.io", "v1alpha1", "OldPolicy", false);
    run.client().genericKubernetesResources(OLD_POLICY.apiVersion(), "OldPolicy")
        .resource(new GenericKubernetesResourceBuilder().withApiVersion(OLD_POLICY.apiVersion())
            .withKind("OldPolicy").withNewMetadata().withName("default").endMetadata().build())
        .create();
    run.applyGolden(tombstone(OLD_POLICY, "", "default"));
    await(() -> assertThat(run.scrape().get("virt_platform_tombstone_status", POLICY))
        .isEqualTo(1.0));

    run.removeCrd("legacy.kubevirt.io", "OldPolicy");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_tombstone_status", POLICY)).isEqualTo(0.0);
      assertThat(s.all("virt_platform_missing_dependency")).isEmpty();
    });
  }

  @Test
  void aDocumentTurnedIntoATombstoneLosesItsComplianceSeriesAndBack() {
    run.client().configMaps().inNamespace("kubevirt").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("legacy").withNamespace("kubevirt").endMetadata()
        .addToData("mode", "fast").build()).create();
    GoldenObject managed = new GoldenObject(new ResourceRef(CONFIG_MAP, "kubevirt", "legacy"),
        Map.of("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "legacy", "namespace", "kubevirt"),
            "data", Map.of("mode", "fast")), new SourceLocation(Path.of("golden.yaml"), 1));
    run.applyGolden(managed);
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", LEGACY))
        .isEqualTo(1.0));

    run.applyGolden(tombstone(CONFIG_MAP, "kubevirt", "legacy"));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_tombstone_status", LEGACY)).isEqualTo(1.0);
      assertThat(s.all("virt_platform_compliance_status")).isEmpty();
    });

    run.applyGolden(managed);
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", LEGACY)).isEqualTo(1.0);
      assertThat(s.all("virt_platform_tombstone_status")).isEmpty();
    });
  }
}
