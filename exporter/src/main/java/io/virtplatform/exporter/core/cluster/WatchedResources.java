package io.virtplatform.exporter.core.cluster;

import io.virtplatform.exporter.core.config.WorkloadKind;
import java.util.List;
import java.util.Map;

/**
 * The resources the exporter watches whatever its config says. What the diagnostics and the
 * golden state add on top is assembled in the runtime ({@code runtime.RequiredAccess}), which the
 * deploy RBAC is tested against.
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

  public static List<WatchedResource> fixed() {
    return List.of(CRDS, API_SERVICES, WORKLOADS.get(WorkloadKind.DEPLOYMENT),
        WORKLOADS.get(WorkloadKind.DAEMON_SET), WORKLOADS.get(WorkloadKind.STATEFUL_SET));
  }
}
