package io.virtplatform.exporter.core.model;

import java.util.Objects;

/** An API kind as the API server serves it. {@code group} is empty for the core group. */
public record GroupVersionKind(String group, String version, String kind) {

  public GroupVersionKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
  }

  /** Parses an {@code apiVersion} such as {@code apps/v1} or {@code v1}. */
  public static GroupVersionKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public boolean isCoreGroup() {
    return group.isEmpty();
  }

  @Override
  public String toString() {
    return apiVersion() + ", Kind=" + kind;
  }
}
