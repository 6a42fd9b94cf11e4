package io.virtplatform.exporter.core.config;

/** The workload kinds a component can be made of, all in group apps/v1. */
public enum WorkloadKind {
  DEPLOYMENT("Deployment"),
  DAEMON_SET("DaemonSet"),
  STATEFUL_SET("StatefulSet");

  private final String kind;

  WorkloadKind(String kind) {
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  public static WorkloadKind fromKind(String kind) {
    for (WorkloadKind k : values()) {
      if (k.kind.equals(kind)) return k;
    }
    throw new IllegalArgumentException(
        "unknown workload kind '" + kind + "' (expected Deployment, DaemonSet or StatefulSet)");
  }
}
