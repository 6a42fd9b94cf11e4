package io.virtplatform.exporter.config;

import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.CompactDocument;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Turns one document of a golden-state file into a {@link GoldenObject}: a partial Kubernetes
 * object that must at least name its apiVersion, kind and metadata.name. Not thread-safe.
 */
final class GoldenDocumentReader {

  private static final Pattern API_VERSION = Pattern.compile("([a-z0-9.-]+/)?[a-z0-9]+");

  private final PlainYamlConstructor constructor = new PlainYamlConstructor();
  private final NamespaceOverrides overrides;
  /**
   * One instance of each kind and namespace for all the documents read: thousands of golden
   * objects share a handful of them, and each reference keeps them for the exporter's lifetime.
   */
  private final Map<Object, Object> shared = new HashMap<>();
  /** Per kind, the first document read: the others are deflated against it. */
  private final Map<GroupVersionKind, byte[]> dictionaries = new HashMap<>();

  GoldenDocumentReader(NamespaceOverrides overrides) {
    this.overrides = overrides;
  }

  /** Empty, with the reasons added to {@code errors}, when the document is not usable. */
  Optional<GoldenObject> read(Path file, Node document, List<ConfigError> errors) {
    NodeReader nodes = new NodeReader(file, errors);
    if (!(document instanceof MappingNode mapping)) {
      nodes.error(document, "a golden-state document must be a mapping (a Kubernetes object),"
          + " found " + NodeReader.describe(document));
      return Optional.empty();
    }
    if (!nodes.requireStringKeys(mapping)) {
      return Optional.empty();
    }
    Map<String, Object> object;
    try {
      object = asMap(constructor.toJava(mapping));
    } catch (MarkedYAMLException e) {
      errors.add(YamlDocuments.errorOf(file, e));
      return Optional.empty();
    } catch (YAMLException e) {
      nodes.error(mapping, "invalid YAML: " + e.getMessage());
      return Optional.empty();
    }
    Fields fields = new Fields(mapping, object, nodes);
    Optional<String> apiVersion = fields.required("apiVersion").filter(fields::validApiVersion);
    Optional<String> kind = fields.required("kind");
    Optional<String> name = fields.required("metadata.name");
    Optional<String> namespace = fields.namespace();
    if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty() || namespace.isEmpty()) {
      return Optional.empty();
    }
    GroupVersionKind gvk = shared(GroupVersionKind.of(apiVersion.get(), kind.get()));
    if (!fields.validName(gvk, name.get())
        || !fields.scopeMatches(gvk, name.get(), namespace.get())) {
      return Optional.empty();
    }
    ResourceRef declared = new ResourceRef(gvk, namespace.get(), name.get());
    ResourceRef ref = overridden(declared);
    Map<String, Object> desired = ref.equals(declared) ? object : movedTo(ref, object);
    byte[] dictionary = dictionaries.computeIfAbsent(gvk, k -> CompactDocument.dictionaryOf(desired));
    return Optional.of(new GoldenObject(ref, CompactDocument.of(desired, dictionary),
        ConfigError.locationOf(file, mapping), false));
  }

  /**
   * Where the object lives after the namespace overrides. A Namespace object is renamed the same
   * way, so that its labels are checked on the namespace the platform really uses.
   */
  private ResourceRef overridden(ResourceRef ref) {
    boolean isNamespace = ref.gvk().isCoreGroup() && ref.kind().equals("Namespace");
    return new ResourceRef(ref.gvk(), shared(overrides.apply(ref.namespace())),
        isNamespace ? overrides.apply(ref.name()) : ref.name());
  }

  @SuppressWarnings("unchecked")
  private <T> T shared(T value) {
    return (T) shared.computeIfAbsent(value, v -> v);
  }

  /** A copy of the read-only {@code object} whose metadata names {@code ref}. */
  private static Map<String, Object> movedTo(ResourceRef ref, Map<String, Object> object) {
    Map<String, Object> metadata = new LinkedHashMap<>(asMap(object.get("metadata")));
    metadata.put("name", ref.name());
    if (!ref.isClusterScoped()) {
      metadata.put("namespace", ref.namespace());
    }
    Map<String, Object> moved = new LinkedHashMap<>(object);
    moved.put("metadata", Collections.unmodifiableMap(metadata));
    return Collections.unmodifiableMap(moved);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  /** The fields of one document, read from the constructed value, located through its nodes. */
  private static final class Fields {

    private final MappingNode document;
    private final Map<String, Object> object;
    private final NodeReader nodes;

    Fields(MappingNode document, Map<String, Object> object, NodeReader nodes) {
      this.document = document;
      this.object = object;
      this.nodes = nodes;
    }

    /** A non-empty string at a dotted path such as {@code metadata.name}. */
    Optional<String> required(String path) {
      Object value = valueAt(path);
      if (value == null || "".equals(value)) {
        nodes.error(document, "missing " + path);
        return Optional.empty();
      }
      return string(path, value);
    }

    /** {@code metadata.namespace}, "" when not set; empty only when it is invalid. */
    Optional<String> namespace() {
      Object value = valueAt("metadata.namespace");
      if (value == null || "".equals(value)) {
        return Optional.of("");
      }
      return string("metadata.namespace", value).filter(namespace -> {
        Optional<String> problem = KubernetesNames.namespaceProblem(namespace);
        problem.ifPresent(
            p -> nodes.error(nodeAt("metadata.namespace"), "metadata.namespace: " + p));
        return problem.isEmpty();
      });
    }

    /** Kubernetes rejects an object with an invalid name, so such a golden object never exists. */
    boolean validName(GroupVersionKind gvk, String name) {
      Optional<String> problem = KubernetesNames.nameProblem(gvk, name);
      problem.ifPresent(p -> nodes.error(nodeAt("metadata.name"), p));
      return problem.isEmpty();
    }

    boolean validApiVersion(String apiVersion) {
      boolean valid = API_VERSION.matcher(apiVersion).matches();
      if (!valid) {
        nodes.error(nodeAt("apiVersion"), "apiVersion '" + apiVersion
            + "' is not of the form <version> or <group>/<version>");
      }
      return valid;
    }

    boolean scopeMatches(GroupVersionKind gvk, String name, String namespace) {
      KindScope scope = KindScope.of(gvk.group(), gvk.kind());
      if (scope == KindScope.NAMESPACED && namespace.isEmpty()) {
        nodes.error(document, gvk.kind() + " " + name + ": metadata.namespace is required ("
            + gvk.kind() + " is namespaced)");
        return false;
      }
      if (scope == KindScope.CLUSTER && !namespace.isEmpty()) {
        nodes.error(nodeAt("metadata.namespace"), gvk.kind() + " " + name
            + ": metadata.namespace must not be set (" + gvk.kind() + " is cluster-scoped)");
        return false;
      }
      return true;
    }

    private Optional<String> string(String path, Object value) {
      if (value instanceof String text) {
        return Optional.of(text);
      }
      nodes.error(nodeAt(path), path + " must be a string, found " + describe(value));
      return Optional.empty();
    }

    private Object valueAt(String path) {
      Object value = object;
      for (String key : path.split("\\.")) {
        if (!(value instanceof Map<?, ?> map)) {
          return null;
        }
        value = map.get(key);
      }
      return value;
    }

    /** The node holding the value at {@code path}, or the deepest node on the way to it. */
    private Node nodeAt(String path) {
      Node node = document;
      for (String key : path.split("\\.")) {
        Optional<Node> child = node instanceof MappingNode mapping ? child(mapping, key)
            : Optional.empty();
        if (child.isEmpty()) {
          return node;
        }
        node = child.get();
      }
      return node;
    }

    private static Optional<Node> child(MappingNode mapping, String key) {
      return mapping.getValue().stream()
          .filter(entry -> entry.getKeyNode() instanceof ScalarNode scalar
              && scalar.getValue().equals(key))
          .map(NodeTuple::getValueNode)
          .findFirst();
    }

    private static String describe(Object value) {
      if (value instanceof Map) return "a mapping";
      if (value instanceof List) return "a list";
      if (value instanceof Number) return "a number";
      if (value instanceof Boolean) return "a boolean";
      return "a " + value.getClass().getSimpleName();
    }
  }
}
