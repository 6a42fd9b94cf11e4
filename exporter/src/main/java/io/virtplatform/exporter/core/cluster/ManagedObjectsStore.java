package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer store that keeps only the golden-state objects of its kind. Watching, say, every
 * ConfigMap of a cluster to judge three of them must not hold every ConfigMap in memory.
 */
public final class ManagedObjectsStore implements ItemStore<GenericKubernetesResource> {

  private final Set<String> managedKeys;
  private final Map<String, GenericKubernetesResource> items = new ConcurrentHashMap<>();

  /** @param managedKeys informer keys ({@code namespace/name}, or {@code name}) to keep */
  public ManagedObjectsStore(Set<String> managedKeys) {
    this.managedKeys = Set.copyOf(managedKeys);
  }

  public static String keyOf(String namespace, String name) {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  @Override
  public String getKey(GenericKubernetesResource obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource obj) {
    return managedKeys.contains(key) ? items.put(key, obj) : null;
  }

  @Override
  public GenericKubernetesResource remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public GenericKubernetesResource get(String key) {
    return items.get(key);
  }
}
