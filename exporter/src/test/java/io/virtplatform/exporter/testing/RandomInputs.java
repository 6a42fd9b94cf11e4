package io.virtplatform.exporter.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Random inputs for property tests, reproducible from a seed: a failure names its seed, and
 * {@link #forEachSeed} with that one seed replays it. Plain JUnit, no property-testing library
 * (see the note in the README's Tests section on why jqwik is not used).
 */
public final class RandomInputs {

  /** Characters that stress YAML, JSON and log formatting, and some ordinary ones. */
  private static final String TRICKY = "\t\n\r \"'\\:#-[]{},&*!|>%@`?~/.0123456789abcxyzAZ\u00e9\u2028\u0000";

  private final SplittableRandom random;

  public RandomInputs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Runs {@code property} for seeds {@code 0..tries-1}; an assertion error names its seed. */
  public static void forEachSeed(int tries, LongConsumer property) {
    for (long seed = 0; seed < tries; seed++) {
      try {
        property.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("property failed for seed " + seed + ": " + e, e);
      }
    }
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  public <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  /** Up to {@code maxLength} characters drawn from {@code alphabet}. */
  public String string(String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** Up to {@code maxLength} characters, often from {@link #TRICKY}, sometimes any code unit. */
  public String anyString(int maxLength) {
    if (chance(70)) {
      return string(TRICKY, maxLength);
    }
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(Character.MAX_VALUE + 1));
    }
    return text.toString();
  }

  /**
   * {@code text} with a few random edits: characters deleted, repeated, replaced or inserted,
   * lines swapped. Starting from valid text keeps the result close to what a user might write.
   */
  public String mutate(String text, int edits) {
    StringBuilder out = new StringBuilder(text);
    for (int i = 0; i < edits; i++) {
      int at = out.isEmpty() ? 0 : random.nextInt(out.length());
      switch (random.nextInt(5)) {
        case 0 -> { if (!out.isEmpty()) out.deleteCharAt(at); }
        case 1 -> out.insert(at, string(TRICKY, 3));
        case 2 -> { if (!out.isEmpty()) out.setCharAt(at, TRICKY.charAt(random.nextInt(TRICKY.length()))); }
        case 3 -> {
          int end = Math.min(out.length(), at + 1 + random.nextInt(20));
          out.insert(at, out.substring(at, end));
        }
        default -> {
          String[] lines = out.toString().split("\n", -1);
          if (lines.length > 1) {
            int a = random.nextInt(lines.length);
            int b = random.nextInt(lines.length);
            String swap = lines[a];
            lines[a] = lines[b];
            lines[b] = swap;
            out = new StringBuilder(String.join("\n", lines));
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * A JSON-like value: maps with string keys, lists, strings, numbers, booleans and nulls, nested
   * at most {@code depth} levels. Keys and strings come from a small set so that two random
   * documents share fields and list keys ({@code name}, {@code key}) often.
   */
  public Object jsonValue(int depth) {
    int kind = random.nextInt(depth <= 0 ? 5 : 7);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> pick(List.<Object>of(0, 1, -1, 2.5, 1024L, 0.5, Long.MAX_VALUE, 1e300));
      case 3 -> pick(List.of("", "a", "1Gi", "1024Mi", "500m", "0.5", "true", "name", "x\ny"));
      case 4 -> anyString(6);
      case 5 -> jsonMap(depth - 1);
      default -> {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          list.add(jsonValue(depth - 1));
        }
        yield list;
      }
    };
  }

  public Map<String, Object> jsonMap(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      map.put(pick(List.of("name", "key", "a", "b", "spec", "value", "/", "~", "")),
          jsonValue(depth));
    }
    return map;
  }
}
