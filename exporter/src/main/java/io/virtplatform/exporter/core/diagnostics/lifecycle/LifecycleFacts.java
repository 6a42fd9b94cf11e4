package io.virtplatform.exporter.core.diagnostics.lifecycle;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.virtplatform.exporter.core.diagnostics.Timestamps;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the lifecycle checks read from an object: whether and since when its deletion was
 * requested, the finalizers that hold it, and the kinds of its owners.
 *
 * @param deletionRequested {@code metadata.deletionTimestamp}, or null while not deleting
 * @param finalizers {@code metadata.finalizers}; for a Namespace also {@code spec.finalizers},
 *     where the namespace controller's {@code kubernetes} finalizer lives
 * @param owners {@code metadata.ownerReferences}: each owner's apiVersion/kind and uid
 */
record LifecycleFacts(ResourceRef ref, Uid uid, Instant deletionRequested,
    List<String> finalizers, List<Owner> owners) {

  /**
   * One ownerReference.
   *
   * @param type its apiVersion and kind as written
   * @param uid the owner's uid; null when the reference has none
   * @param valid the apiVersion is a group/version the API server could serve and the kind is not
   *     blank; an invalid one is unserved without asking discovery, since anyone who may write the
   *     object chooses it
   */
  record Owner(GroupVersionKind type, Uid uid, boolean valid) {

    /** A group/version as the API server accepts it: {@code version} or {@code group/version}. */
    static Owner of(String apiVersion, String kind, String uid) {
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      String version = apiVersion.substring(slash + 1);
      boolean valid = (slash < 0 || (group.length() <= 253 && GROUP.matcher(group).matches()))
          && version.length() <= 63 && VERSION.matcher(version).matches() && !kind.isBlank();
      // Interned: the tracker keeps the owners of every watched object (a VMI per VM, a pod
      // per VMI), which name a handful of kinds.
      return new Owner(new GroupVersionKind(group.intern(), version.intern(), kind.intern()),
          Uid.of(uid), valid);
    }
  }

  /** DNS-1123 subdomain. */
  private static final Pattern GROUP =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  /** DNS-1035 label: lowercase, starting with a letter. */
  private static final Pattern VERSION = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");

  LifecycleFacts {
    finalizers = List.copyOf(finalizers);
    owners = List.copyOf(owners);
  }

  /** The namespace is interned: the trackers keep a reference per watched object. */
  static ResourceRef refOf(GroupVersionKind kind, GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    return new ResourceRef(kind, namespace == null ? null : namespace.intern(),
        object.getMetadata().getName());
  }

  static LifecycleFacts of(GroupVersionKind kind, GenericKubernetesResource object) {
    ObjectMeta meta = object.getMetadata();
    Set<String> finalizers =
        new LinkedHashSet<>(Objects.requireNonNullElse(meta.getFinalizers(), List.of()));
    if (kind.equals(NAMESPACE)
        && object.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && spec.get("finalizers") instanceof List<?> specFinalizers) {
      specFinalizers.forEach(f -> finalizers.add(String.valueOf(f)));
    }
    List<Owner> owners = new ArrayList<>();
    for (OwnerReference owner : Objects.requireNonNullElse(meta.getOwnerReferences(),
        List.<OwnerReference>of())) {
      if (owner.getApiVersion() != null && owner.getKind() != null) {
        owners.add(Owner.of(owner.getApiVersion(), owner.getKind(), owner.getUid()));
      }
    }
    return new LifecycleFacts(refOf(kind, object), Uid.of(meta.getUid()),
        Timestamps.parse(meta.getDeletionTimestamp()), new ArrayList<>(finalizers), owners);
  }
}
