package io.virtplatform.exporter.core.config;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.nio.file.Path;
import java.util.List;

/**
 * The exporter's configuration after loading: golden-state directories resolved against the config
 * file's folder, namespace overrides already applied to components.
 */
public record ExporterConfig(
    List<Path> goldenStateDirectories,
    List<ComponentSpec> components,
    List<GroupVersionKind> dependencies,
    EditWarSettings editWar,
    DiagnosticsSettings diagnostics) {

  public ExporterConfig {
    goldenStateDirectories = List.copyOf(goldenStateDirectories);
    components = List.copyOf(components);
    dependencies = List.copyOf(dependencies);
  }

  /** A config with the default diagnostics settings. */
  public ExporterConfig(List<Path> goldenStateDirectories, List<ComponentSpec> components,
      List<GroupVersionKind> dependencies, EditWarSettings editWar) {
    this(goldenStateDirectories, components, dependencies, editWar, DiagnosticsSettings.DEFAULT);
  }
}
