package io.virtplatform.exporter.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A JSON document kept as its UTF-8 bytes and turned back into plain maps, lists and scalars on
 * each read. The exporter holds one golden document and one live object per managed resource;
 * as maps of boxed strings they cost three to four times their JSON (about 2.7 KB for a live
 * 900-byte ConfigMap, 3.9 KB for its golden document), as bytes about their JSON. A read costs a
 * parse (a few µs per KB), paid once per evaluation.
 *
 * <p>What is read back equals what was stored: numbers keep their Java type the way both the
 * golden-state reader and Jackson choose it (Integer, then Long, then BigInteger; Double), and
 * NaN and the infinities a YAML document may hold stay numbers.
 */
public final class CompactDocument {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final byte[] json;

  private CompactDocument(byte[] json) {
    this.json = json;
  }

  /** The document as JSON; {@code document} may be a map or any object Jackson can write. */
  public static CompactDocument of(Object document) {
    try {
      return new CompactDocument(MAPPER.writeValueAsBytes(document));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the document as JSON", e);
    }
  }

  /** A fresh, modifiable copy of the document: callers may keep or change it. */
  public Map<String, Object> toMap() {
    try {
      return MAPPER.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("a document this class wrote does not read back", e);
    }
  }

  /** The document read as {@code type}, e.g. the informer's object type. */
  public <T> T to(Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("a document this class wrote does not read back", e);
    }
  }

  /** Bytes of JSON held. */
  public int size() {
    return json.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompactDocument other && Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(json);
  }
}
