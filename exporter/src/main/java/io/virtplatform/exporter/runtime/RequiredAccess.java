package io.virtplatform.exporter.runtime;

import io.virtplatform.exporter.core.cluster.KindPlurals;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.cluster.WatchedResources;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.golden.GoldenState;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the exporter lists and watches for a golden state, as RBAC must grant it: cluster-wide,
 * the fixed resources, the diagnostics', the HyperConverged CRs (for disabled resources) and the cluster-scoped golden kinds; per namespace, the
 * namespaced golden kinds of the objects managed there. The deploy RBAC is generated from and
 * tested against this, both ways.
 *
 * @param byNamespace namespace to the resources watched only there
 */
public record RequiredAccess(
    Set<WatchedResource> clusterWide, Map<String, Set<WatchedResource>> byNamespace) {

  public static RequiredAccess of(GoldenState golden) {
    Set<WatchedResource> clusterWide = new TreeSet<>(WatchedResources.fixed());
    clusterWide.addAll(Checks.WATCHES);
    clusterWide.addAll(DisabledResourcesWatch.WATCHES);
    Map<String, Set<WatchedResource>> byNamespace = new TreeMap<>();
    for (GoldenObject o : golden.objects()) {
      WatchedResource resource =
          new WatchedResource(o.ref().gvk().group(), KindPlurals.of(o.ref().gvk()));
      // Offline, the golden document is the authority on scope: a namespace means namespaced.
      if (o.ref().namespace().isEmpty()) {
        clusterWide.add(resource);
      } else {
        byNamespace.computeIfAbsent(o.ref().namespace(), n -> new TreeSet<>()).add(resource);
      }
    }
    return new RequiredAccess(Set.copyOf(clusterWide), Map.copyOf(byNamespace));
  }
}
