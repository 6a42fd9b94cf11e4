package io.virtplatform.exporter.core.diagnostics;

import io.virtplatform.exporter.core.diagnostics.storage.DefaultStorageClassDiagnostic;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookDiagnostic;
import io.virtplatform.exporter.core.diagnostics.compatibility.CompatibilityDiagnostic;
import io.virtplatform.exporter.core.diagnostics.datavolume.DataVolumeDiagnostic;
import io.virtplatform.exporter.core.diagnostics.datavolume.ScratchSpaceDiagnostic;
import io.virtplatform.exporter.core.diagnostics.lifecycle.ObjectLifecycleDiagnostic;
import io.virtplatform.exporter.core.diagnostics.operators.OperatorDiagnostic;
import io.virtplatform.exporter.core.metrics.MetricStore;
import java.util.List;

/** Every diagnostic the exporter runs, in one list, so the runtime and the RBAC agree. */
public final class Diagnostics {

  private Diagnostics() {}

  public static List<Diagnostic> create(MetricStore store) {
    return List.of(
        new WebhookDiagnostic(store),
        new DefaultStorageClassDiagnostic(store),
        new DataVolumeDiagnostic(store),
        new ObjectLifecycleDiagnostic(store),
        new OperatorDiagnostic(store),
        new CompatibilityDiagnostic(store),
        new ScratchSpaceDiagnostic(store));
  }
}
