package io.virtplatform.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.compatibility.CompatibilityDiagnostic;
import io.virtplatform.exporter.core.diagnostics.datavolume.DataVolumeDiagnostic;
import io.virtplatform.exporter.core.diagnostics.datavolume.ScratchSpaceDiagnostic;
import io.virtplatform.exporter.core.diagnostics.lifecycle.ObjectLifecycleDiagnostic;
import io.virtplatform.exporter.core.diagnostics.operators.OperatorDiagnostic;
import io.virtplatform.exporter.core.diagnostics.storage.DefaultStorageClassDiagnostic;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookDiagnostic;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The static list of diagnostics agrees with what each diagnostic, once built, watches, and the
 * RBAC list covers the cluster view's own watches.
 */
class ChecksTest {

  @Test
  void everyDiagnosticRunsAndWhatItWatchesIsInTheStaticListAndTheRbacList() {
    List<Diagnostic> built = Checks.create(MetricStore.forCatalog());
    assertThat(built).hasExactlyElementsOfTypes(WebhookDiagnostic.class,
        DefaultStorageClassDiagnostic.class, DataVolumeDiagnostic.class,
        ObjectLifecycleDiagnostic.class, OperatorDiagnostic.class, CompatibilityDiagnostic.class,
        ScratchSpaceDiagnostic.class);
    RequiredAccess access = RequiredAccess.of(GoldenState.empty());
    for (Diagnostic d : built) {
      assertThat(Checks.WATCHES).as("static watches of %s", d).containsAll(d.watchedResources());
      assertThat(access.clusterWide()).as("RBAC of %s", d).containsAll(d.watchedResources());
    }
    assertThat(access.byNamespace()).isEmpty();
  }

  @Test
  void theHyperConvergedWatchAndTombstonesAreInTheRbacList() {
    assertThat(RequiredAccess.of(GoldenState.empty()).clusterWide())
        .containsAll(new DisabledResourcesWatch(MetricStore.forCatalog(), disabled -> { }).watchedResources())
        .contains(new WatchedResource("hco.kubevirt.io", "hyperconvergeds"));

    ResourceRef legacy = new ResourceRef(new GroupVersionKind("", "v1", "ConfigMap"),
        "kubevirt", "legacy");
    GoldenState tombstoneOnly = new GoldenState(List.of(new GoldenObject(legacy, Map.of(
        "apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "legacy", "namespace", "kubevirt")),
        new SourceLocation(Path.of("tombstones/retired.yaml"), 1), true)));
    assertThat(RequiredAccess.of(tombstoneOnly).byNamespace())
        .as("a tombstone is watched, so read, like a managed object")
        .isEqualTo(Map.of("kubevirt", Set.of(new WatchedResource("", "configmaps"))));
  }
}
