package io.virtplatform.exporter.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diagnostics' store keeps each object's key and resource version, nothing else. */
class KeyVersionStoreTest {

  private final KeyVersionStore store = new KeyVersionStore();

  private static GenericKubernetesResource vm(String namespace, String name, String version) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion("kubevirt.io/v1");
    object.setKind("VirtualMachine");
    object.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
        .withResourceVersion(version).withUid("uid-1").build());
    object.setAdditionalProperty("spec", Map.of("running", true));
    return object;
  }

  @Test
  void answersWithTheNameAndVersionItWasGiven() {
    GenericKubernetesResource first = vm("tenant", "vm-1", "10");
    String key = store.getKey(first);
    assertThat(key).isEqualTo("tenant/vm-1");
    assertThat(store.put(key, first)).isNull();
    GenericKubernetesResource kept = store.get(key);
    assertThat(kept.getMetadata().getNamespace()).isEqualTo("tenant");
    assertThat(kept.getMetadata().getName()).isEqualTo("vm-1");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("10");
    assertThat(kept.getMetadata().getUid()).as("nothing else is kept").isNull();
    assertThat(kept.getAdditionalProperties()).isEmpty();
  }

  @Test
  void putAnswersWithThePreviousVersionSoThatTheInformerTellsUpdatesFromResyncs() {
    String key = store.getKey(vm("tenant", "vm-1", "10"));
    store.put(key, vm("tenant", "vm-1", "10"));
    assertThat(store.put(key, vm("tenant", "vm-1", "11")).getMetadata().getResourceVersion())
        .isEqualTo("10");
    assertThat(store.remove(key).getMetadata().getResourceVersion()).isEqualTo("11");
    assertThat(store.get(key)).isNull();
    assertThat(store.remove(key)).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  void clusterScopedObjectsHaveNoNamespace() {
    GenericKubernetesResource namespace = vm(null, "tenant", "3");
    String key = store.getKey(namespace);
    store.put(key, namespace);
    assertThat(store.keySet()).containsExactly("tenant");
    assertThat(store.values()).singleElement().satisfies(o -> {
      assertThat(o.getMetadata().getNamespace()).isNull();
      assertThat(o.getMetadata().getName()).isEqualTo("tenant");
    });
  }

  @Test
  void isNotAFullStateStore() {
    assertThat(store.isFullState()).isFalse();
  }

  @Test
  void everyVersionComesBackAsTheExactStringItWas() {
    for (String version : new String[] {"0", "7", "128", "123456789", "999999999999999999",
        "9223372036854775807", "99999999999999999999", "007", "00", "-1", "+1", "1.5", "abc",
        "12a", "\u0661\u0662", " 1", ""}) {
      String key = store.getKey(vm("tenant", "vm-1", version));
      store.put(key, vm("tenant", "vm-1", version));
      assertThat(store.get(key).getMetadata().getResourceVersion()).as(version)
          .isEqualTo(version.isEmpty() ? null : version);
    }
    store.put("tenant/vm-2", vm("tenant", "vm-2", null));
    assertThat(store.get("tenant/vm-2").getMetadata().getResourceVersion()).isNull();
  }

  @Test
  void onlyTheCanonicalDecimalFormIsKeptAsANumber() {
    assertThat(KeyVersionStore.compact("123456")).isEqualTo(123456L);
    assertThat(KeyVersionStore.compact("0")).isEqualTo(0L);
    assertThat(KeyVersionStore.compact("0123")).isEqualTo("0123");
    assertThat(KeyVersionStore.compact("9223372036854775807")).as("19 digits stay text")
        .isEqualTo("9223372036854775807");
    assertThat(KeyVersionStore.compact("\u0661")).isEqualTo("\u0661");
  }

  @Test
  void versionsThatDifferOnlyInSpellingStayDifferent() {
    String key = store.getKey(vm("tenant", "vm-1", "7"));
    store.put(key, vm("tenant", "vm-1", "7"));
    assertThat(store.put(key, vm("tenant", "vm-1", "007")).getMetadata().getResourceVersion())
        .isEqualTo("7");
    assertThat(store.get(key).getMetadata().getResourceVersion()).isEqualTo("007");
  }
}
