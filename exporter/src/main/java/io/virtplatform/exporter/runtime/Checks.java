package io.virtplatform.exporter.runtime;

import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.compatibility.CompatibilityDiagnostic;
import io.virtplatform.exporter.core.diagnostics.datavolume.DataVolumeDiagnostic;
import io.virtplatform.exporter.core.diagnostics.datavolume.ScratchSpaceDiagnostic;
import io.virtplatform.exporter.core.diagnostics.lifecycle.ObjectLifecycleDiagnostic;
import io.virtplatform.exporter.core.diagnostics.operators.OperatorDiagnostic;
import io.virtplatform.exporter.core.diagnostics.storage.DefaultStorageClassDiagnostic;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookDiagnostic;
import io.virtplatform.exporter.core.metrics.MetricStore;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every diagnostic the exporter runs, and what each watches, in one static list: the runtime
 * builds them from here, and the deploy RBAC is checked against {@link #WATCHES} without building
 * any.
 */
public final class Checks {

  /** What the diagnostics list and watch with their default settings. */
  public static final List<WatchedResource> WATCHES = Stream.of(
          WebhookDiagnostic.WATCHES,
          DefaultStorageClassDiagnostic.WATCHES,
          DataVolumeDiagnostic.WATCHES,
          ObjectLifecycleDiagnostic.WATCHES,
          OperatorDiagnostic.WATCHES,
          CompatibilityDiagnostic.WATCHES,
          ScratchSpaceDiagnostic.WATCHES)
      .flatMap(List::stream).distinct().toList();

  private Checks() {}

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
