package io.virtplatform.benchmarks.scale;

import io.fabric8.kubernetes.client.server.mock.CustomResourceDefinitionProcessor;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.virtplatform.exporter.testing.MockApiServer;
import io.virtplatform.exporter.testing.ServedApisDispatcher;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The testkit's dispatcher (fabric8's CRUD dispatcher answering discovery like a v1.26 server)
 * with its objects indexed by name, and by resource and namespace, so that the benchmark measures
 * the exporter rather than the mock. Same answers as the original, found among fewer objects:
 *
 * <ul>
 *   <li>creates, patches and GETs of one object look among the objects that share its name; the
 *       original scans every stored object under one lock, which made filling it quadratic (35k
 *       objects took 11 minutes) and capped its patch rate far below 200/s at 10k objects;
 *   <li>lists look among the objects of their resource (and namespace); the original copies and
 *       matches every stored object per list, which took 80% of the CPU of a 10k start-up (the
 *       exporter lists ConfigMaps in each of 100 namespaces);
 *   <li>a watch that gives a {@code resourceVersion} (an informer's, after its list) gets only
 *       the changes from then on, as from a real API server; the original first sends every
 *       stored object it matches again as ADDED, which made every informer receive its objects
 *       twice.
 * </ul>
 */
final class IndexedCrudDispatcher extends ServedApisDispatcher {

  private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
  private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;

  private static final Field ON_OPEN_ACTION = watchOpenAction();

  private final IndexedMap objects = new IndexedMap();
  private final KubernetesResponseComposer lists = new KubernetesResponseComposer();
  private final AtomicLong resourceVersion;
  private final CustomResourceDefinitionProcessor crds;

  IndexedCrudDispatcher() {
    try {
      // The stored objects live in a final field the handlers use directly; give it the index.
      Field map = CrudDispatcher.class.getDeclaredField("map");
      map.setAccessible(true);
      map.set(this, Collections.synchronizedMap(objects));
      // What the original's list answers are made of besides the objects.
      resourceVersion = (AtomicLong) privateField("resourceVersion").get(this);
      crds = (CustomResourceDefinitionProcessor) privateField("crdProcessor").get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's CrudDispatcher changed; adapt the benchmark", e);
    }
  }

  /** A mock API server in CRUD mode with this dispatcher. */
  static MockApiServer newServer() {
    return new MockApiServer(new IndexedCrudDispatcher());
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Attribute name = query.getAttribute("name");
    if (name == null) {
      return super.findResource(query);
    }
    synchronized (map) {
      for (AttributeSet candidate : objects.named(name)) {
        String object = objects.get(candidate);
        if (object != null && candidate.matches(query)) {
          return new AbstractMap.SimpleImmutableEntry<>(candidate, object);
        }
      }
    }
    return null;
  }

  /**
   * A GET of one object (by its path or a name selector), or a list of one resource, from the
   * index: the original copies and scans every stored object for either. Watches, discovery and
   * paths that name no resource keep the original.
   */
  @Override
  public MockResponse handleGet(String path) {
    if (path.contains("watch=true")) {
      return super.handleGet(path);
    }
    AttributeSet query = attributeExtractor.fromPath(path);
    if (query.getAttribute("name") != null) {
      // As the original, a list with a name selector too: the first object matched, or 404.
      Map.Entry<AttributeSet, String> found = findResource(query);
      return found != null
          ? new MockResponse().setResponseCode(200).setBody(found.getValue())
          : new MockResponse().setResponseCode(404);
    }
    Attribute plural = query.getAttribute(PLURAL);
    if (plural == null) {
      return super.handleGet(path);
    }
    List<String> items = new ArrayList<>();
    synchronized (map) {
      for (AttributeSet candidate : objects.of(plural, query.getAttribute(NAMESPACE))) {
        if (candidate.matches(query)) {
          items.add(objects.get(candidate));
        }
      }
    }
    // As the original: an empty answer may be the discovery document of a CRD's group version.
    String discovery = items.isEmpty() ? crds.getApiResources(path) : null;
    return new MockResponse().setResponseCode(200).setBody(discovery != null ? discovery
        : lists.compose(items, String.valueOf(resourceVersion.get())));
  }

  /**
   * A watch from a resource version starts with the changes after it, as on a real API server:
   * without the original's replay of every stored object it matches.
   */
  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    if (path.matches(".*[?&]resourceVersion=[1-9].*")) {
      try {
        Consumer<Object> nothing = listener -> { };
        ON_OPEN_ACTION.set(response.getWebSocketListener(), nothing);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("fabric8's WatchEventsListener changed", e);
      }
    }
    return response;
  }

  private static Field privateField(String name) throws NoSuchFieldException {
    Field field = KubernetesCrudDispatcher.class.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  private static Field watchOpenAction() {
    try {
      Field field = Class.forName(
              "io.fabric8.kubernetes.client.server.mock.WatchEventsListener")
          .getDeclaredField("onOpenAction");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's WatchEventsListener changed; adapt the benchmark",
          e);
    }
  }

  /**
   * Insertion-ordered like the original, plus the keys by their name attribute and by their
   * resource (and namespace), each in insertion order too, so lists keep the original's order.
   */
  private static final class IndexedMap extends LinkedHashMap<AttributeSet, String> {
    private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();
    /** By [plural] and by [plural, namespace]. */
    private final Map<List<Attribute>, Set<AttributeSet>> byResource = new HashMap<>();

    Set<AttributeSet> named(Attribute name) {
      return byName.getOrDefault(name, Set.of());
    }

    /** A superset of the keys a query for {@code plural} (in {@code namespace}) matches. */
    Set<AttributeSet> of(Attribute plural, Attribute namespace) {
      return byResource.getOrDefault(
          namespace == null ? List.of(plural) : List.of(plural, namespace), Set.of());
    }

    @Override
    public String put(AttributeSet key, String value) {
      Attribute name = key.getAttribute("name");
      if (name != null) {
        byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
      }
      resourceKeys(key).forEach(k -> byResource.computeIfAbsent(k, n -> new LinkedHashSet<>())
          .add(key));
      // A put of a present key keeps the original's position; LinkedHashMap does the same.
      return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends AttributeSet, ? extends String> entries) {
      entries.forEach(this::put);
    }

    @Override
    public String remove(Object key) {
      if (key instanceof AttributeSet attributes) {
        for (List<Attribute> k : resourceKeys(attributes)) {
          Set<AttributeSet> same = byResource.get(k);
          if (same != null && same.remove(attributes) && same.isEmpty()) {
            byResource.remove(k);
          }
        }
      }
      if (key instanceof AttributeSet attributes && attributes.getAttribute("name") != null) {
        Set<AttributeSet> same = byName.get(attributes.getAttribute("name"));
        if (same != null) {
          same.remove(attributes);
          if (same.isEmpty()) {
            byName.remove(attributes.getAttribute("name"));
          }
        }
      }
      return super.remove(key);
    }

    private static List<List<Attribute>> resourceKeys(AttributeSet key) {
      Attribute plural = key.getAttribute(PLURAL);
      Attribute namespace = key.getAttribute(NAMESPACE);
      if (plural == null) {
        return List.of();
      }
      return namespace == null ? List.of(List.of(plural))
          : List.of(List.of(plural), List.of(plural, namespace));
    }

    @Override
    public void clear() {
      byResource.clear();
      byName.clear();
      super.clear();
    }
  }
}
