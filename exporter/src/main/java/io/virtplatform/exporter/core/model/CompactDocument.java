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
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A JSON document kept deflated, and turned back into plain maps, lists and scalars on each read.
 * The exporter holds one golden document and one live object per managed resource; as maps of
 * boxed strings they cost three to four times their JSON (about 2.7 KB for a live 900-byte
 * ConfigMap, 3.9 KB for its golden document).
 *
 * <p>Documents of one kind repeat each other (keys, labels, managedFields, most values), so each
 * is deflated against a dictionary: the JSON of another document of its kind, shared by all of
 * them ({@link #dictionaryOf}). The benchmark's ConfigMaps then take about 90 bytes live and 35
 * golden, instead of 1.6 KB (with managedFields) and 680 bytes of JSON. Writing costs about 10 µs
 * per KB of JSON, reading (inflating and parsing) a little less: once per event and per
 * evaluation (docs/performance.md, "Heap").
 *
 * <p>What is read back equals what was stored: numbers keep their Java type the way both the
 * golden-state reader and Jackson choose it (Integer, then Long, then BigInteger; Double), and
 * NaN and the infinities a YAML document may hold stay numbers.
 */
public final class CompactDocument {

  /** No dictionary: for a document with no others of its kind at hand. */
  public static final byte[] NO_DICTIONARY = new byte[0];

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  /** zlib's state is native memory; one per thread that writes, reset between documents. */
  private static final ThreadLocal<Deflater> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED));
  private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

  private final byte[] deflated;
  private final byte[] dictionary;
  private final int length;

  private CompactDocument(byte[] deflated, byte[] dictionary, int length) {
    this.deflated = deflated;
    this.dictionary = dictionary;
    this.length = length;
  }

  /** The document, without a dictionary; {@code document} may be any object Jackson can write. */
  public static CompactDocument of(Object document) {
    return of(document, NO_DICTIONARY);
  }

  /**
   * The document deflated against {@code dictionary}, which it keeps (not a copy): pass the same
   * array for every document of a kind.
   */
  public static CompactDocument of(Object document, byte[] dictionary) {
    byte[] json = json(document);
    Deflater deflater = DEFLATERS.get();
    deflater.reset();
    if (dictionary.length > 0) {
      deflater.setDictionary(dictionary);
    }
    deflater.setInput(json);
    deflater.finish();
    byte[] out = new byte[json.length / 2 + 64];
    int size = 0;
    while (!deflater.finished()) {
      if (size == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      size += deflater.deflate(out, size, out.length - size);
    }
    return new CompactDocument(Arrays.copyOf(out, size), dictionary, json.length);
  }

  /** A dictionary for the documents of a kind: the JSON of one of them. */
  public static byte[] dictionaryOf(Object document) {
    return json(document);
  }

  private static byte[] json(Object document) {
    try {
      return MAPPER.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the document as JSON", e);
    }
  }

  /** A fresh, modifiable copy of the document: callers may keep or change it. */
  public Map<String, Object> toMap() {
    try {
      return MAPPER.readValue(json(), MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("a document this class wrote does not read back", e);
    }
  }

  /** The document read as {@code type}, e.g. the informer's object type. */
  public <T> T to(Class<T> type) {
    try {
      return MAPPER.readValue(json(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("a document this class wrote does not read back", e);
    }
  }

  private byte[] json() {
    Inflater inflater = INFLATERS.get();
    inflater.reset();
    inflater.setInput(deflated);
    byte[] json = new byte[length];
    int size = 0;
    try {
      while (size < length) {
        int read = inflater.inflate(json, size, length - size);
        if (read == 0 && inflater.needsDictionary()) {
          inflater.setDictionary(dictionary);
        } else if (read == 0 && (inflater.finished() || inflater.needsInput())) {
          throw new IllegalStateException("a deflated document ended early");
        }
        size += read;
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("a document this class deflated does not inflate", e);
    }
    return json;
  }

  /** Bytes held for this document, its dictionary (shared) aside. */
  public int size() {
    return deflated.length;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CompactDocument other) || length != other.length) {
      return false;
    }
    // The same document deflates to the same bytes against the same dictionary only.
    return Arrays.equals(dictionary, other.dictionary)
        ? Arrays.equals(deflated, other.deflated)
        : Arrays.equals(json(), other.json());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(json());
  }
}
