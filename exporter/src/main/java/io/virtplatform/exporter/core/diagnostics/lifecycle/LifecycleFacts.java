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

/**
 * What the lifecycle checks read from an object: whether and since when its deletion was
 * requested, the finalizers that hold it, and the kinds of its owners.
 *
 * @param deletionRequested {@code metadata.deletionTimestamp}, or null while not deleting
 * @param finalizers {@code metadata.finalizers}; for a Namespace also {@code spec.finalizers},
 *     where the namespace controller's {@code kubernetes} finalizer lives
 * @param ownerTypes the distinct apiVersion/kind pairs of {@code metadata.ownerReferences}
 */
record LifecycleFacts(ResourceRef ref, String uid, Instant deletionRequested,
    List<String> finalizers, List<GroupVersionKind> ownerTypes) {

  private static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");

  LifecycleFacts {
    finalizers = List.copyOf(finalizers);
    ownerTypes = List.copyOf(ownerTypes);
  }

  static ResourceRef refOf(GroupVersionKind kind, GenericKubernetesResource object) {
    return new ResourceRef(kind, object.getMetadata().getNamespace(),
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
    Set<GroupVersionKind> owners = new LinkedHashSet<>();
    for (OwnerReference owner : Objects.requireNonNullElse(meta.getOwnerReferences(),
        List.<OwnerReference>of())) {
      if (owner.getApiVersion() != null && owner.getKind() != null) {
        owners.add(GroupVersionKind.of(owner.getApiVersion(), owner.getKind()));
      }
    }
    return new LifecycleFacts(refOf(kind, object), meta.getUid(),
        Timestamps.parse(meta.getDeletionTimestamp()), new ArrayList<>(finalizers),
        new ArrayList<>(owners));
  }
}
