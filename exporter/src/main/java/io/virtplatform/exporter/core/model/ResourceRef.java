package io.virtplatform.exporter.core.model;

import java.util.Objects;

/**
 * Identifies one object of the cluster. {@code namespace} is the empty string for cluster-scoped
 * objects, which is also how it appears in the {@code namespace} label.
 */
public record ResourceRef(GroupVersionKind gvk, String namespace, String name)
    implements Comparable<ResourceRef> {

  public ResourceRef {
    Objects.requireNonNull(gvk, "gvk");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  public String kind() {
    return gvk.kind();
  }

  public boolean isClusterScoped() {
    return namespace.isEmpty();
  }

  @Override
  public int compareTo(ResourceRef o) {
    int c = gvk.kind().compareTo(o.gvk.kind());
    if (c == 0) c = namespace.compareTo(o.namespace);
    if (c == 0) c = name.compareTo(o.name);
    if (c == 0) c = gvk.apiVersion().compareTo(o.gvk.apiVersion());
    return c;
  }

  @Override
  public String toString() {
    return gvk.kind() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
