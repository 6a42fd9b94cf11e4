package io.virtplatform.exporter.cli;

import io.virtplatform.exporter.core.metrics.SelfMetrics;
import picocli.CommandLine.IVersionProvider;

/** Reports the version the jar was built as, the same one build_info exposes. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"virt-platform-exporter " + SelfMetrics.jarVersion()};
  }
}
