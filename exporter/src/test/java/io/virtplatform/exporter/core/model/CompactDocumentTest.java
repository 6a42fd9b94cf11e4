package io.virtplatform.exporter.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A document kept as JSON reads back equal, with the same Java types, as a fresh copy. */
class CompactDocumentTest {

  private static Map<String, Object> everyKindOfValue() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("int", 5);
    values.put("long", 5_000_000_000L);
    values.put("big", new BigInteger("123456789012345678901234567890"));
    values.put("double", 0.1);
    values.put("wholeDouble", 2.0);
    values.put("nan", Double.NaN);
    values.put("infinity", Double.POSITIVE_INFINITY);
    values.put("minusInfinity", Double.NEGATIVE_INFINITY);
    values.put("true", true);
    values.put("null", null);
    values.put("quantity", "500m");
    values.put("unicode", "grüße, 你好, \uD83D\uDE80, \u0000, \u2028, \"quoted\"");
    values.put("emptyMap", Map.of());
    values.put("emptyList", List.of());
    values.put("list", List.of(1, "two", List.of(3.5), Map.of("four", false)));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", "v1");
    document.put("kind", "ConfigMap");
    document.put("spec", Collections.unmodifiableMap(values));
    return document;
  }

  @Test
  void everyKindOfValueReadsBackEqualWithItsJavaType() {
    Map<String, Object> original = everyKindOfValue();
    Map<String, Object> read = CompactDocument.of(original).toMap();
    assertThat(read).isEqualTo(original);
    assertSameTypes(original, read);
  }

  @Test
  void keysKeepTheirOrder() {
    Map<String, Object> original = new LinkedHashMap<>();
    List.of("z", "a", "m", "b").forEach(k -> original.put(k, k));
    assertThat(CompactDocument.of(original).toMap().keySet()).containsExactly("z", "a", "m", "b");
  }

  @Test
  void aLargeDocumentReadsBackEqual() {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      data.put("key-" + i, "value " + i + " ".repeat(i % 50));
    }
    Map<String, Object> original = Map.of("data", data);
    CompactDocument compact = CompactDocument.of(original);
    assertThat(compact.toMap()).isEqualTo(original);
  }

  @Test
  void eachReadIsAnIndependentCopy() {
    CompactDocument compact = CompactDocument.of(everyKindOfValue());
    Map<String, Object> first = compact.toMap();
    first.put("kind", "Changed");
    assertThat(compact.toMap()).isEqualTo(everyKindOfValue());
  }

  @Test
  void aDocumentDeflatedAgainstAnotherOfItsKindReadsBackEqualAndTakesLess() {
    Map<String, Object> first = everyKindOfValue();
    Map<String, Object> second = everyKindOfValue();
    second.put("kind", "Other");
    byte[] dictionary = CompactDocument.dictionaryOf(first);
    CompactDocument alone = CompactDocument.of(second);
    CompactDocument against = CompactDocument.of(second, dictionary);
    assertThat(against.toMap()).isEqualTo(second);
    assertThat(against.size()).isLessThan(alone.size() / 2);
    assertThat(against).as("equal content, whatever the dictionary").isEqualTo(alone)
        .hasSameHashCodeAs(alone);
  }

  @Test
  void equalDocumentsAreEqualAndDifferentOnesAreNot() {
    assertThat(CompactDocument.of(everyKindOfValue()))
        .isEqualTo(CompactDocument.of(everyKindOfValue()))
        .hasSameHashCodeAs(CompactDocument.of(everyKindOfValue()))
        .isNotEqualTo(CompactDocument.of(Map.of("kind", "ConfigMap")));
  }

  private static void assertSameTypes(Object expected, Object actual) {
    if (expected == null) {
      assertThat(actual).isNull();
    } else if (expected instanceof Map<?, ?> map) {
      assertThat(actual).isInstanceOf(Map.class);
      map.forEach((k, v) -> assertSameTypes(v, ((Map<?, ?>) actual).get(k)));
    } else if (expected instanceof List<?> list) {
      assertThat(actual).isInstanceOf(List.class);
      List<?> other = new ArrayList<>((List<?>) actual);
      for (int i = 0; i < list.size(); i++) {
        assertSameTypes(list.get(i), other.get(i));
      }
    } else {
      assertThat(actual).as("%s", expected).isExactlyInstanceOf(expected.getClass());
    }
  }
}
