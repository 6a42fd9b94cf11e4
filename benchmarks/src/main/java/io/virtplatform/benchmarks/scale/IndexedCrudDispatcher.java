package io.virtplatform.benchmarks.scale;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.virtplatform.exporter.testing.MockApiServer;
import io.virtplatform.exporter.testing.ServedApisDispatcher;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The testkit's dispatcher (fabric8's CRUD dispatcher answering discovery like a v1.26 server)
 * with its objects indexed by name. The original finds the object of a
 * create or patch by scanning every stored object under one lock, which makes filling it
 * quadratic (35k objects took 11 minutes) and caps its patch rate far below 200/s at 10k managed
 * objects; the benchmark would then measure the mock, not the exporter. Same answers, found among
 * the few objects that share the name: for creates, patches and GETs of one object.
 */
final class IndexedCrudDispatcher extends ServedApisDispatcher {

  private final IndexedMap objects = new IndexedMap();

  IndexedCrudDispatcher() {
    try {
      // The stored objects live in a final field the handlers use directly; give it the index.
      Field map = CrudDispatcher.class.getDeclaredField("map");
      map.setAccessible(true);
      map.set(this, Collections.synchronizedMap(objects));
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
   * A GET of one object by its path (no query: watches and selectors keep the original) from the
   * index; the original copies and scans every stored object for that too.
   */
  @Override
  public MockResponse handleGet(String path) {
    if (!path.contains("?")) {
      AttributeSet query = attributeExtractor.fromPath(path);
      if (query.getAttribute("name") != null) {
        Map.Entry<AttributeSet, String> found = findResource(query);
        if (found != null) {
          return new MockResponse().setResponseCode(200).setBody(found.getValue());
        }
      }
    }
    return super.handleGet(path);
  }

  /** Insertion-ordered like the original, plus the keys by their name attribute. */
  private static final class IndexedMap extends LinkedHashMap<AttributeSet, String> {
    private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();

    Set<AttributeSet> named(Attribute name) {
      return byName.getOrDefault(name, Set.of());
    }

    @Override
    public String put(AttributeSet key, String value) {
      Attribute name = key.getAttribute("name");
      if (name != null) {
        byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
      }
      return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends AttributeSet, ? extends String> entries) {
      entries.forEach(this::put);
    }

    @Override
    public String remove(Object key) {
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

    @Override
    public void clear() {
      byName.clear();
      super.clear();
    }
  }
}
