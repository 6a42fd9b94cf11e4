package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.virtplatform.exporter.core.model.CompactDocument;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An informer store that keeps only the golden-state objects of its kind, each deflated
 * ({@link CompactDocument}). Watching, say, every ConfigMap of a cluster to judge three of them
 * must not hold every ConfigMap in memory; and the objects it does hold are the exporter's only
 * copy of live managed objects, so they are kept compact: a {@link GenericKubernetesResource}
 * costs three times their JSON, deflated against each other they take a tenth of it. The
 * evaluation reads an object as a document ({@link #document}); the informer's own reads
 * ({@link #get}, {@link #values}) materialise the object again, which only an update (the
 * previous object it reports), a delete and a relist do.
 */
public final class ManagedObjectsStore implements ItemStore<GenericKubernetesResource> {

  /**
   * Each managed key mapped to itself: {@link #put} files an object under this instance rather
   * than the string the informer has just computed, so each key is held once however often the
   * object changes (a lookup costs 8 bytes per key more than a set, the informer's copy 64).
   */
  private final Map<String, String> managedKeys;
  private final Map<String, CompactDocument> items = new ConcurrentHashMap<>();
  /**
   * The first object stored, as JSON: every other is deflated against it. Objects of one kind
   * share most of their bytes (keys, labels, managedFields), so each then takes a tenth of its
   * JSON or less. A race between two first puts only costs one more dictionary.
   */
  private volatile byte[] dictionary;

  /** @param managedKeys informer keys ({@code namespace/name}, or {@code name}) to keep */
  public ManagedObjectsStore(Set<String> managedKeys) {
    this.managedKeys = managedKeys.stream()
        .collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));
  }

  /** Whether objects under {@code key} are kept. */
  public boolean manages(String key) {
    return managedKeys.containsKey(key);
  }

  /** Whether the store keeps exactly the objects under {@code keys}. */
  public boolean managesExactly(Set<String> keys) {
    return managedKeys.keySet().equals(keys);
  }

  public static String keyOf(String namespace, String name) {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  @Override
  public String getKey(GenericKubernetesResource obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  /**
   * Keeps {@code obj} when it is managed. Returns the object it replaces, which the informer only
   * compares by resource version to tell an update from a resync: an unchanged object is answered
   * with itself rather than read back.
   */
  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource obj) {
    String canonical = managedKeys.get(key);
    if (canonical == null) {
      return null;
    }
    byte[] shared = dictionary;
    if (shared == null) {
      shared = dictionary = CompactDocument.dictionaryOf(obj);
    }
    CompactDocument document = CompactDocument.of(obj, shared);
    CompactDocument previous = items.put(canonical, document);
    if (previous == null) {
      return null;
    }
    return previous.equals(document) ? obj : previous.to(GenericKubernetesResource.class);
  }

  @Override
  public GenericKubernetesResource remove(String key) {
    return materialise(items.remove(key));
  }

  /** The object under {@code key} as plain maps, lists and scalars, or {@code null}. */
  public Map<String, Object> document(String key) {
    CompactDocument document = items.get(key);
    return document == null ? null : document.toMap();
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return items.values().stream().map(ManagedObjectsStore::materialise);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public GenericKubernetesResource get(String key) {
    return materialise(items.get(key));
  }

  private static GenericKubernetesResource materialise(CompactDocument document) {
    return document == null ? null : document.to(GenericKubernetesResource.class);
  }
}
