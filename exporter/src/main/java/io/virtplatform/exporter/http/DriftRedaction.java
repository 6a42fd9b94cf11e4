package io.virtplatform.exporter.http;

import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.drift.CustomizedResource;
import io.virtplatform.exporter.core.drift.DriftReport;
import io.virtplatform.exporter.core.drift.FieldDrift;
import io.virtplatform.exporter.core.drift.ResourceDrift;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.function.Supplier;

/**
 * What the drift explainer may show. Values of Secrets never leave the exporter: for a Secret,
 * each drifted field keeps its pointer and manager and both values become {@link #HIDDEN}; its
 * patch annotation (whose operations carry values) and the reason an invalid customization was
 * refused (a failed {@code test} operation quotes values) are hidden too. {@link #ALL_VALUES}
 * does the same for every resource, for clusters where any value is sensitive.
 *
 * <p>Applied to the report before rendering, so that the page and the JSON cannot disagree on
 * what is hidden.
 */
public final class DriftRedaction {

  /** Stands for a value that is not shown. */
  public enum Hidden { HIDDEN }

  public static final Hidden HIDDEN = Hidden.HIDDEN;
  static final String HIDDEN_TEXT = "value hidden";

  /** Hides the values of Secrets only; the default. */
  public static final DriftRedaction SECRETS = new DriftRedaction(false);
  /** Hides every value ({@code --drift.hide-values}). */
  public static final DriftRedaction ALL_VALUES = new DriftRedaction(true);

  private final boolean everything;

  private DriftRedaction(boolean everything) {
    this.everything = everything;
  }

  /** The report of {@code source}, redacted, each time it is asked for. */
  public Supplier<DriftReport> of(Supplier<DriftReport> source) {
    return () -> apply(source.get());
  }

  DriftReport apply(DriftReport report) {
    return new DriftReport(report.judged(),
        report.resources().stream().map(this::resource).toList(),
        report.customizations().stream()
            .map(c -> new CustomizedResource(c.ref(), customizations(c.ref(), c.customizations())))
            .toList(),
        // Actors and the live paths they wrote name keyed list elements by key, never a value.
        report.editWars(),
        report.disabledResourcesProblems());
  }

  boolean hides(ResourceRef ref) {
    return everything || (ref.gvk().isCoreGroup() && ref.kind().equals("Secret"));
  }

  private ResourceDrift resource(ResourceDrift drift) {
    if (!hides(drift.ref())) {
      return drift;
    }
    return new ResourceDrift(drift.ref(), drift.state(),
        drift.problem() == null ? null : "details hidden, they may quote values",
        drift.fields().stream().map(DriftRedaction::field).toList(),
        customizations(drift.ref(), drift.customizations()));
  }

  private static FieldDrift field(FieldDrift field) {
    // The path names keyed list elements by their key (a name, a port), never by a value.
    return new FieldDrift(field.pointer(), field.path(), field.desired() == null ? null : HIDDEN,
        field.liveAbsent() ? null : HIDDEN, field.liveAbsent(), field.manager(), field.removed());
  }

  private Customizations customizations(ResourceRef ref, Customizations c) {
    if (c.patch() == null || !hides(ref)) {
      return c;
    }
    return new Customizations(c.unmanaged(), c.ignoredPointers(), HIDDEN_TEXT,
        c.reconcilePaused(), c.disabled());
  }
}
