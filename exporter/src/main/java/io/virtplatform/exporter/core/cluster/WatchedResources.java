package io.virtplatform.exporter.core.cluster;

import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.diagnostics.Diagnostics;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.metrics.MetricStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;

/**
 * The resources the exporter watches whatever its config says. Golden-state kinds come on top of
 * these and are listed by {@link ClusterWatcher#watchedResources()}. The deploy ClusterRole is
 * tested against this list.
 */
public final class WatchedResources {

  public static final WatchedResource CRDS =
      new WatchedResource("apiextensions.k8s.io", "customresourcedefinitions");
  public static final WatchedResource API_SERVICES =
      new WatchedResource("apiregistration.k8s.io", "apiservices");

  public static final Map<WorkloadKind, WatchedResource> WORKLOADS = Map.of(
      WorkloadKind.DEPLOYMENT, new WatchedResource("apps", "deployments"),
      WorkloadKind.DAEMON_SET, new WatchedResource("apps", "daemonsets"),
      WorkloadKind.STATEFUL_SET, new WatchedResource("apps", "statefulsets"));

  private WatchedResources() {}

  /**
   * Everything the exporter lists and watches for {@code golden}: the fixed resources, those of
   * every diagnostic, and each golden-state kind. The deploy ClusterRole is tested against this.
   */
  public static Set<WatchedResource> required(GoldenState golden) {
    Set<WatchedResource> all = new TreeSet<>(fixed());
    Diagnostics.create(new MetricStore(List.of()))
        .forEach(d -> all.addAll(d.watchedResources()));
    golden.kinds().forEach(k -> all.add(new WatchedResource(k.group(), KindPlurals.of(k))));
    return all;
  }

  public static List<WatchedResource> fixed() {
    return List.of(CRDS, API_SERVICES, WORKLOADS.get(WorkloadKind.DEPLOYMENT),
        WORKLOADS.get(WorkloadKind.DAEMON_SET), WORKLOADS.get(WorkloadKind.STATEFUL_SET));
  }
}
