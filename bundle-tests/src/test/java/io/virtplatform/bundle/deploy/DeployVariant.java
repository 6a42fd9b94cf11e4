package io.virtplatform.bundle.deploy;

import io.virtplatform.bundle.BundleFacts;
import java.nio.file.Path;

/** Each kustomization under deploy/ that users render and apply. */
enum DeployVariant {
  BASE("deploy/base", "virt-platform-exporter"),
  OPENSHIFT("deploy/overlays/openshift", "openshift-cnv"),
  CUSTOM_RUNBOOK_BASE_URL("deploy/examples/custom-runbook-base-url", "virt-platform-exporter");

  private final String directory;
  private final String namespace;

  DeployVariant(String directory, String namespace) {
    this.directory = directory;
    this.namespace = namespace;
  }

  Path directory() {
    return BundleFacts.repoRoot().resolve(directory);
  }

  /** Where the exporter and its namespaced objects go. */
  String namespace() {
    return namespace;
  }

  RenderedManifests rendered() {
    return RenderedManifests.of(this);
  }

  @Override
  public String toString() {
    return directory;
  }
}
