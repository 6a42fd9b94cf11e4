package io.virtplatform.exporter.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.virtplatform.exporter.testing.Recordings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store keeps live managed objects as compact JSON: what it gives back, as an object to the
 * informer or as a document to the evaluation, must be what it was given.
 */
class ManagedObjectsStoreTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Every document of every recording: stored forms with managedFields, quantities, defaults. */
  static Stream<String> recordings() throws IOException {
    Path folder;
    try {
      folder = Paths.get(Recordings.class.getResource("/apiserver-recordings").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .sorted().toList().stream();
    }
  }

  private static ManagedObjectsStore storeFor(GenericKubernetesResource object) {
    return new ManagedObjectsStore(Set.of(Cache.metaNamespaceKeyFunc(object)));
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void everyRecordedObjectReadsBackEqualAsObjectAndAsDocument(String file) {
    List<Map<String, Object>> documents = Recordings.documents(file);
    for (int i = 0; i < documents.size(); i++) {
      GenericKubernetesResource object =
          SERIALIZATION.convertValue(documents.get(i), GenericKubernetesResource.class);
      ManagedObjectsStore store = storeFor(object);
      String key = store.getKey(object);
      store.put(key, object);
      assertThat(store.get(key)).as("%s document %d as an object", file, i + 1).isEqualTo(object);
      assertThat(store.document(key)).as("%s document %d as a document", file, i + 1)
          .isEqualTo(asReadFromTheServer(object));
    }
  }

  @Test
  void objectsDeflatedAgainstTheFirstOneReadBackEqual() throws IOException {
    Map<String, GenericKubernetesResource> objects = new java.util.LinkedHashMap<>();
    for (String file : recordings().toList()) {
      for (Map<String, Object> document : Recordings.documents(file)) {
        GenericKubernetesResource object =
            SERIALIZATION.convertValue(document, GenericKubernetesResource.class);
        objects.put(Cache.metaNamespaceKeyFunc(object), object); // the last version of each
      }
    }
    ManagedObjectsStore store = new ManagedObjectsStore(objects.keySet());
    objects.forEach(store::put);
    objects.forEach((key, object) -> {
      assertThat(store.get(key)).as(key).isEqualTo(object);
      assertThat(store.document(key)).as(key).isEqualTo(asReadFromTheServer(object));
    });
  }

  @Test
  void managedFieldsSurviveTheRoundTrip() {
    GenericKubernetesResource stored = SERIALIZATION.convertValue(
        Recordings.documents("26-ssa-then-patch.yaml").get(2), GenericKubernetesResource.class);
    assertThat(stored.getMetadata().getManagedFields()).hasSizeGreaterThan(1);
    ManagedObjectsStore store = storeFor(stored);
    store.put(store.getKey(stored), stored);
    assertThat(store.get(store.getKey(stored)).getMetadata().getManagedFields())
        .isEqualTo(stored.getMetadata().getManagedFields());
  }

  @Test
  void unicodeAndLargeValuesReadBackUnchanged() {
    String big = "x".repeat(1_000_000);
    GenericKubernetesResource object = configMap("rv-1", Map.of(
        "greeting", "grüße, 你好, \uD83D\uDE80, \u0000 and \u2028",
        "big", big));
    ManagedObjectsStore store = storeFor(object);
    store.put(store.getKey(object), object);
    assertThat(store.get(store.getKey(object))).isEqualTo(object);
    assertThat(store.document(store.getKey(object))).isEqualTo(asReadFromTheServer(object));
  }

  @Test
  void anUnmanagedObjectIsNotKept() {
    ManagedObjectsStore store = new ManagedObjectsStore(Set.of("ns/managed"));
    GenericKubernetesResource other = configMap("rv-1", Map.of("a", "b"));
    other.getMetadata().setName("other");
    assertThat(store.put(store.getKey(other), other)).isNull();
    assertThat(store.size()).isZero();
    assertThat(store.get("ns/other")).isNull();
    assertThat(store.document("ns/other")).isNull();
    assertThat(store.keySet()).isEmpty();
  }

  @Test
  void objectsAreFiledUnderTheManagedKeyInstanceNotTheInformersCopy() {
    String managed = new String("ns/managed"); // an instance of its own, as the golden watch's
    ManagedObjectsStore store = new ManagedObjectsStore(Set.of(managed));
    GenericKubernetesResource first = configMap("rv-1", Map.of("a", "1"));
    GenericKubernetesResource second = configMap("rv-2", Map.of("a", "2"));
    String informersKey = store.getKey(first);
    assertThat(informersKey).isEqualTo(managed).isNotSameAs(managed);
    store.put(informersKey, first);
    store.put(store.getKey(second), second);
    assertThat(store.keySet()).singleElement().isSameAs(managed);
    assertThat(store.manages(informersKey)).isTrue();
    assertThat(store.manages("ns/other")).isFalse();
    assertThat(store.managesExactly(Set.of("ns/managed"))).isTrue();
    assertThat(store.managesExactly(Set.of("ns/managed", "ns/other"))).isFalse();
  }

  @Test
  void putAnswersWithThePreviousObjectSoThatTheInformerTellsUpdatesFromResyncs() {
    GenericKubernetesResource first = configMap("rv-1", Map.of("a", "1"));
    GenericKubernetesResource second = configMap("rv-2", Map.of("a", "2"));
    ManagedObjectsStore store = storeFor(first);
    String key = store.getKey(first);
    assertThat(store.put(key, first)).isNull();
    assertThat(store.put(key, second)).isEqualTo(first);
    GenericKubernetesResource resync = configMap("rv-2", Map.of("a", "2"));
    assertThat(store.put(key, resync).getMetadata().getResourceVersion()).isEqualTo("rv-2");
    assertThat(store.values()).containsExactly(second);
    assertThat(store.remove(key)).isEqualTo(second);
    assertThat(store.document(key)).isNull();
    assertThat(store.remove(key)).isNull();
  }

  /** The object as plain maps, the way its JSON from the API server reads. */
  private static Map<String, Object> asReadFromTheServer(GenericKubernetesResource object) {
    try {
      return new ObjectMapper().readValue(SERIALIZATION.asJson(object), new TypeReference<>() {});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GenericKubernetesResource configMap(String resourceVersion,
      Map<String, Object> data) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion("v1");
    object.setKind("ConfigMap");
    object.setMetadata(new ObjectMetaBuilder().withName("managed").withNamespace("ns")
        .withResourceVersion(resourceVersion).build());
    object.setAdditionalProperty("data", data);
    return object;
  }
}
