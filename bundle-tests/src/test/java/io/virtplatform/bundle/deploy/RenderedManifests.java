package io.virtplatform.bundle.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects {@code kubectl kustomize} renders for one variant, each as the fabric8 model the
 * Kubernetes client would deserialize it into: a typed class for Kubernetes' own kinds, a
 * {@link GenericKubernetesResource} for others (ServiceMonitor, PrometheusRule). Rendered once per
 * test run.
 */
final class RenderedManifests {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final Map<DeployVariant, RenderedManifests> CACHE = new ConcurrentHashMap<>();

  private final DeployVariant variant;
  private final List<Map<String, Object>> documents;
  private final List<HasMetadata> objects;

  private RenderedManifests(DeployVariant variant, String yaml) {
    this.variant = variant;
    this.documents = parse(yaml);
    this.objects = documents.stream().map(d -> deserialize(variant, d)).toList();
  }

  static RenderedManifests of(DeployVariant variant) {
    return CACHE.computeIfAbsent(variant,
        v -> new RenderedManifests(v, Kustomize.render(v.directory())));
  }

  DeployVariant variant() {
    return variant;
  }

  /** Every rendered document as plain maps and lists, in output order. */
  List<Map<String, Object>> documents() {
    return documents;
  }

  /** The one document of a kind, as parsed YAML. */
  Map<String, Object> document(String kind) {
    List<Map<String, Object>> matching = documents.stream()
        .filter(d -> kind.equals(d.get("kind")))
        .toList();
    if (matching.size() != 1) {
      throw new AssertionError(variant + " renders " + matching.size() + " " + kind
          + " objects, expected exactly one");
    }
    return matching.get(0);
  }

  List<HasMetadata> objects() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    List<T> matching = all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .toList();
    if (matching.size() != 1) {
      throw new AssertionError(variant + " renders " + matching.size() + " " + type.getSimpleName()
          + " named " + name + ", expected exactly one");
    }
    return matching.get(0);
  }

  /** The one object of a kind that has no model class in the client, such as a ServiceMonitor. */
  GenericKubernetesResource generic(String kind) {
    List<GenericKubernetesResource> matching = all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind))
        .toList();
    if (matching.size() != 1) {
      throw new AssertionError(variant + " renders " + matching.size() + " " + kind
          + " objects, expected exactly one");
    }
    return matching.get(0);
  }

  Deployment exporterDeployment() {
    return one(Deployment.class, "virt-platform-exporter");
  }

  /** The ConfigMap a volume refers to; fails when the volume points at nothing rendered. */
  ConfigMap configMap(String name) {
    return all(ConfigMap.class).stream()
        .filter(c -> Objects.equals(c.getMetadata().getName(), name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(variant + " renders no ConfigMap " + name));
  }

  private static HasMetadata deserialize(DeployVariant variant, Map<String, Object> document) {
    try {
      return SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), HasMetadata.class);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new AssertionError(variant + ": " + document.get("kind") + " "
          + YamlMaps.map(document.get("metadata")).get("name")
          + " does not deserialize into its model: " + cause.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return List.copyOf(documents);
  }
}
