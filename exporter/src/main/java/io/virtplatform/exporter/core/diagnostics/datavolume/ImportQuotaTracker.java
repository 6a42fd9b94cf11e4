package io.virtplatform.exporter.core.diagnostics.datavolume;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.DATAVOLUME_QUOTA_INSUFFICIENT;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags DataVolumes whose import cannot start because a ResourceQuota of their namespace leaves
 * too little {@code requests.storage} free: twice the request while neither the target PVC nor
 * the scratch PVC exists, once the request while only the target exists (it already counts in
 * the quota's usage), nothing once the scratch PVC exists.
 *
 * <p>Only quotas without {@code scopes} or {@code scopeSelector} count, as the quota scopes
 * Kubernetes has apply to pods, not to claims; per-StorageClass quotas
 * ({@code <class>.storageclass.storage.k8s.io/requests.storage}) are not read.
 */
final class ImportQuotaTracker {

  static final String STORAGE = "requests.storage";
  static final String SCRATCH_SUFFIX = "-scratch";

  private final MetricStore store;
  private final Map<String, ImportRequest> imports = new HashMap<>();
  private final Set<String> claims = new HashSet<>();
  /** Per namespace, per quota name, the storage the quota leaves free. */
  private final Map<String, Map<String, BigDecimal>> freeStorage = new HashMap<>();
  private final Set<String> flagged = new HashSet<>();

  ImportQuotaTracker(MetricStore store) {
    this.store = store;
  }

  synchronized void dataVolumeChanged(GenericKubernetesResource dataVolume) {
    String key = key(dataVolume);
    Optional<ImportRequest> request = ImportRequest.of(dataVolume);
    if (request.isPresent()) {
      imports.put(key, request.get());
    } else {
      imports.remove(key);
    }
    judge(key);
  }

  synchronized void dataVolumeDeleted(GenericKubernetesResource dataVolume) {
    imports.remove(key(dataVolume));
    judge(key(dataVolume));
  }

  synchronized void claimChanged(GenericKubernetesResource claim, boolean exists) {
    String key = key(claim);
    if (exists) {
      claims.add(key);
    } else {
      claims.remove(key);
    }
    String dataVolume = key.endsWith(SCRATCH_SUFFIX)
        ? key.substring(0, key.length() - SCRATCH_SUFFIX.length()) : key;
    judge(dataVolume);
  }

  synchronized void quotaChanged(GenericKubernetesResource quota, boolean exists) {
    String namespace = quota.getMetadata().getNamespace();
    Map<String, BigDecimal> quotas = freeStorage.computeIfAbsent(namespace, ns -> new HashMap<>());
    Optional<BigDecimal> free = exists ? freeStorage(quota) : Optional.empty();
    if (free.isPresent()) {
      quotas.put(quota.getMetadata().getName(), free.get());
    } else {
      quotas.remove(quota.getMetadata().getName());
    }
    if (quotas.isEmpty()) {
      freeStorage.remove(namespace);
    }
    imports.values().stream().filter(i -> i.namespace().equals(namespace))
        .map(i -> i.namespace() + "/" + i.name()).toList().forEach(this::judge);
  }

  /** Forgets everything and drops every series, as when the cluster no longer serves CDI. */
  synchronized void clear() {
    Set.copyOf(flagged).forEach(this::unflag);
    imports.clear();
    claims.clear();
    freeStorage.clear();
  }

  /** Forgets the claims and quotas, whose watch stopped, and judges again without them. */
  synchronized void clearClaimsAndQuotas() {
    claims.clear();
    freeStorage.clear();
    Set.copyOf(imports.keySet()).forEach(this::judge);
  }

  private void judge(String key) {
    ImportRequest request = imports.get(key);
    if (request == null || claims.contains(key + SCRATCH_SUFFIX)) {
      unflag(key);
      return;
    }
    BigDecimal needed = claims.contains(key) ? request.storage()
        : request.storage().multiply(BigDecimal.valueOf(2));
    boolean insufficient = freeStorage.getOrDefault(request.namespace(), Map.of()).values()
        .stream().anyMatch(free -> free.compareTo(needed) < 0);
    if (!insufficient) {
      unflag(key);
      return;
    }
    store.put(DATAVOLUME_QUOTA_INSUFFICIENT, key,
        List.of(Sample.of(1, request.namespace(), request.name())));
    flagged.add(key);
  }

  private void unflag(String key) {
    if (flagged.remove(key)) {
      store.remove(DATAVOLUME_QUOTA_INSUFFICIENT, key);
    }
  }

  /** hard minus used of {@code requests.storage}, from the quota's status as the server keeps it. */
  private static Optional<BigDecimal> freeStorage(GenericKubernetesResource quota) {
    Map<String, Object> props = quota.getAdditionalProperties();
    if (props.get("spec") instanceof Map<?, ?> spec
        && (spec.get("scopes") instanceof List<?> scopes && !scopes.isEmpty()
            || spec.get("scopeSelector") != null)) {
      return Optional.empty();
    }
    if (!(props.get("status") instanceof Map<?, ?> status)
        || !(status.get("hard") instanceof Map<?, ?> hard)) {
      return Optional.empty();
    }
    Map<?, ?> used = status.get("used") instanceof Map<?, ?> u ? u : Map.of();
    return ImportRequest.quantity(hard.get(STORAGE)).map(limit -> limit.subtract(
        ImportRequest.quantity(used.get(STORAGE)).orElse(BigDecimal.ZERO)));
  }

  private static String key(GenericKubernetesResource object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
