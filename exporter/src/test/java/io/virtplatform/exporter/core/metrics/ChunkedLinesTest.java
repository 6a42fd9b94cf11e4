package io.virtplatform.exporter.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChunkedLinesTest {

  private static final int CHUNK_BYTES = 64;

  private final ChunkedLines lines = new ChunkedLines(CHUNK_BYTES);

  @Test
  void writesOwnersInKeyOrderWhateverTheInsertionOrder() {
    for (String key : List.of("m", "c", "x", "a", "q", "b")) {
      lines.put(key, line(key, 1));
    }

    assertThat(text(lines)).isEqualTo(
        "a 1\n" + "b 1\n" + "c 1\n" + "m 1\n" + "q 1\n" + "x 1\n");
  }

  @Test
  void putReplacesOnlyThatOwnersLinesAndRemoveDropsIt() {
    lines.put("a", line("a", 1));
    lines.put("b", bytes("b 1\nb2 1\n"));
    lines.put("c", line("c", 1));

    lines.put("b", line("b", 7));
    lines.remove("a");
    lines.remove("not-there");

    assertThat(text(lines)).isEqualTo("b 7\n" + "c 1\n");
  }

  @Test
  void removingEveryOwnerLeavesNothingToWrite() {
    lines.put("a", line("a", 1));
    lines.remove("a");
    lines.remove("a");

    assertThat(text(lines)).isEmpty();
    assertThat(lines.chunkCount()).isZero();
  }

  @Test
  void matchesASortedMapThroughRandomPutsRemovesAndRetains() {
    Random random = new Random(12);
    TreeMap<String, String> model = new TreeMap<>();
    for (int step = 0; step < 20_000; step++) {
      String key = "owner-" + random.nextInt(400);
      int action = random.nextInt(100);
      if (action < 60) {
        // Lines of 1 to 3 samples, so owners differ in size and chunks split unevenly.
        StringBuilder text = new StringBuilder();
        for (int sample = 0; sample <= random.nextInt(3); sample++) {
          text.append(key).append('_').append(sample).append(' ').append(step).append('\n');
        }
        model.put(key, text.toString());
        lines.put(key, bytes(text.toString()));
      } else if (action < 99) {
        model.remove(key);
        lines.remove(key);
      } else {
        Set<String> kept = new HashSet<>();
        model.keySet().forEach(owner -> {
          if (random.nextBoolean()) {
            kept.add(owner);
          }
        });
        model.keySet().retainAll(kept);
        lines.retain(kept);
      }
      if (step % 97 == 0) {
        assertThat(text(lines)).isEqualTo(String.join("", model.values()));
      }
    }
    assertThat(text(lines)).isEqualTo(String.join("", model.values()));
  }

  @Test
  void aScrapeIsOneWritePerChunkAndChunksStayNearTheirSize() {
    int owners = 2_000;
    for (int i = 0; i < owners; i++) {
      lines.put(String.format("k%05d", (i * 7919) % owners), line("series" + i, i));
    }
    long total = text(lines).length();

    CountingStream counting = new CountingStream();
    writeTo(lines, counting);

    assertThat(counting.bytes).isEqualTo(total);
    assertThat(counting.writes).isEqualTo(lines.chunkCount());
    // Splits leave halves of at least a quarter of the chunk size on average.
    assertThat(counting.writes).isLessThanOrEqualTo((int) (total / (CHUNK_BYTES / 4)) + 1);

    // Removing most owners merges the small chunks left behind.
    for (int i = 0; i < owners; i++) {
      if (i % 10 != 0) {
        lines.remove(String.format("k%05d", i));
      }
    }
    long remaining = text(lines).length();
    assertThat(lines.chunkCount()).isLessThanOrEqualTo((int) (remaining / (CHUNK_BYTES / 4)) + 1);
  }

  @Test
  void anOwnerLargerThanAChunkGetsAChunkOfItsOwn() {
    String big = "big " + "x".repeat(3 * CHUNK_BYTES) + "\n";
    lines.put("a", line("a", 1));
    lines.put("b", bytes(big));
    lines.put("c", line("c", 1));

    assertThat(text(lines)).isEqualTo("a 1\n" + big + "c 1\n");
  }

  @Test
  void theCallersArrayIsCopied() {
    byte[] given = line("a", 1);
    lines.put("a", given);
    given[2] = '9';

    assertThat(text(lines)).isEqualTo("a 1\n");
  }

  @Test
  void refusesAChunkSizeTooSmallToHoldLines() {
    assertThatThrownBy(() -> new ChunkedLines(1)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A writer puts owners a, b, c, … in that order, round after round. A scrape reads the family
   * as one moment left it, so it sees every owner at the writer's round or the one before, and
   * never a later owner ahead of an earlier one.
   */
  @Test
  void aScrapeDuringPutsSeesTheFamilyAsOneMomentLeftIt() throws InterruptedException {
    ChunkedLines family = new ChunkedLines(CHUNK_BYTES);
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      owners.add(String.format("o%02d", i));
    }
    owners.forEach(owner -> family.put(owner, line(owner, 0)));
    Thread writer = new Thread(() -> {
      for (int round = 1; !Thread.currentThread().isInterrupted(); round++) {
        for (String owner : owners) {
          family.put(owner, line(owner, round));
        }
      }
    });
    writer.start();
    try {
      for (int scrape = 0; scrape < 2_000; scrape++) {
        Map<String, Long> rounds = values(text(family));
        assertThat(rounds.keySet()).containsExactlyElementsOf(owners);
        long first = rounds.get(owners.get(0));
        long previous = first;
        for (String owner : owners) {
          long round = rounds.get(owner);
          assertThat(round).as("scrape %d: %s", scrape, rounds)
              .isBetween(first - 1, first).isLessThanOrEqualTo(previous);
          previous = round;
        }
      }
    } finally {
      writer.interrupt();
      writer.join();
    }
  }

  private static Map<String, Long> values(String text) {
    Map<String, Long> values = new TreeMap<>();
    Matcher line = Pattern.compile("(\\S+) (\\d+)\n").matcher(text);
    while (line.find()) {
      values.put(line.group(1), Long.parseLong(line.group(2)));
    }
    return values;
  }

  private static byte[] line(String name, long value) {
    return bytes(name + " " + value + "\n");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The lines as a scrape writes them; checks on the way that the snapshot's length is theirs. */
  private static String text(ChunkedLines lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long length = writeTo(lines, out);
    assertThat(out.size()).as("the snapshot's length").isEqualTo(length);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** As a scrape writes them: one array per chunk, of one snapshot; returns its length. */
  private static long writeTo(ChunkedLines lines, OutputStream out) {
    ChunkedLines.Snapshot snapshot = lines.snapshot();
    try {
      for (int i = 0; i < snapshot.chunkCount(); i++) {
        out.write(snapshot.chunk(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return snapshot.length();
  }

  private static final class CountingStream extends OutputStream {
    int writes;
    long bytes;

    @Override
    public void write(int b) {
      writes++;
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes++;
      bytes += len;
    }
  }
}
