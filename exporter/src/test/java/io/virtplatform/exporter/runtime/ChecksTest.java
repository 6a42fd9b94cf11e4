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
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.MetricStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The static list of diagnostics agrees with what each diagnostic, once built, watches. */
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
}
