package io.virtplatform.exporter.core.cluster;

import io.virtplatform.exporter.core.model.GroupVersionKind;

/** A kind the API server serves, with the plural and scope needed to list and watch it. */
public record ServedApi(GroupVersionKind gvk, String plural, boolean namespaced) {

  public WatchedResource resource() {
    return new WatchedResource(gvk.group(), plural);
  }
}
