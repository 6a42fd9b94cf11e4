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
    EditWarSettings editWar) {

  public ExporterConfig {
    goldenStateDirectories = List.copyOf(goldenStateDirectories);
    components = List.copyOf(components);
    dependencies = List.copyOf(dependencies);
  }
}
