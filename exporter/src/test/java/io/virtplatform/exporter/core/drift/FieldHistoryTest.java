package io.virtplatform.exporter.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects written alike share their writers; a change to one never shows on another. */
class FieldHistoryTest {

  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  private static final Map<String, Object> GOLDEN = Map.of("data", Map.of("a", "1", "b", "2"));

  private final FieldHistory history = new FieldHistory();

  private static ResourceRef ref(String name) {
    return new ResourceRef(CONFIG_MAP, "ns", name);
  }

  private static Map<String, Object> live(String writerOfA, String writerOfB) {
    return Map.of("metadata", Map.of("managedFields", List.of(
            entry(writerOfA, "f:a"), entry(writerOfB, "f:b"))),
        "data", Map.of("a", "1", "b", "2"));
  }

  private static Map<String, Object> entry(String manager, String field) {
    return Map.of("manager", manager, "operation", "Apply", "apiVersion", "v1",
        "fieldsType", "FieldsV1", "fieldsV1", Map.of("f:data", Map.of(field, Map.of())));
  }

  @Test
  void aWriterChangeOnOneObjectLeavesTheOthersThatSharedItsWritersAlone() {
    history.observe(ref("one"), GOLDEN, live("autopilot", "autopilot"));
    history.observe(ref("two"), GOLDEN, live("autopilot", "autopilot"));
    history.observe(ref("two"), GOLDEN, live("rogue-admin", "autopilot"));

    assertThat(history.lastWriter(ref("one"), ".data.a")).contains("autopilot");
    assertThat(history.lastWriter(ref("two"), ".data.a")).contains("rogue-admin");
    assertThat(history.lastWriter(ref("two"), ".data.b")).contains("autopilot");
  }

  @Test
  void aFieldNoLongerHeldKeepsItsLastWriter() {
    history.observe(ref("one"), GOLDEN, live("autopilot", "rogue-admin"));
    history.observe(ref("one"), GOLDEN, Map.of("metadata", Map.of("managedFields",
        List.of(entry("autopilot", "f:a"))), "data", Map.of("a", "1")));

    assertThat(history.lastWriter(ref("one"), ".data.b")).contains("rogue-admin");
    assertThat(history.lastWriter(ref("one"), ".data.a")).contains("autopilot");
  }
}
