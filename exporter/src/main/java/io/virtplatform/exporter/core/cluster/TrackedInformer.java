package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** An informer with the resource name its self-metrics are reported under. */
public record TrackedInformer(WatchedResource resource, String scope, SharedIndexInformer<?> informer) {

  boolean synced() {
    return informer.hasSynced();
  }

  boolean watching() {
    return informer.isWatching();
  }

  String describe() {
    return scope.isEmpty() ? resource.qualifiedName() : resource.qualifiedName() + " in " + scope;
  }
}
