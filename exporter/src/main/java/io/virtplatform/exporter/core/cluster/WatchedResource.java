package io.virtplatform.exporter.core.cluster;

/**
 * One API resource the exporter lists and watches, named as RBAC names it: the API group (empty for
 * core) and the plural resource.
 */
public record WatchedResource(String group, String resource) implements Comparable<WatchedResource> {

  /** The name used in the {@code resource} label of the exporter's self-metrics. */
  public String qualifiedName() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  @Override
  public int compareTo(WatchedResource o) {
    return qualifiedName().compareTo(o.qualifiedName());
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
