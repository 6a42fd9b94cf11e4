package io.virtplatform.exporter.core.metrics;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.COMPLIANCE_STATUS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.THRASHING_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scrape's bytes copied into buffers of any size are exactly the bytes written to a stream,
 * its length is their count, and a put after the scrape was taken changes neither.
 */
class ScrapeBytesTest {

  /** As the self metrics come: arrays to send in order; an empty one must not end the reading. */
  private static final byte[][] TAIL = {utf8("tail 1\n"), utf8(""), utf8("tail 2\n")};

  private final MetricStore store = new MetricStore(List.of(COMPLIANCE_STATUS, THRASHING_TOTAL));

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 100, 4096, 1 << 20})
  void copiedIntoBuffersOfAnySizeItIsWhatAStreamGets(int bufferBytes) throws IOException {
    fill(3_000);
    byte[] written = written(store.scrape(ExpositionFormat.PROMETHEUS_TEXT_004, TAIL));
    ScrapeBytes scrape = store.scrape(ExpositionFormat.PROMETHEUS_TEXT_004, TAIL);

    byte[] copied = copied(scrape, bufferBytes);

    assertThat(new String(copied, StandardCharsets.UTF_8))
        .isEqualTo(new String(written, StandardCharsets.UTF_8))
        .startsWith("# HELP virt_platform_compliance_status ")
        .contains("virt_platform_thrashing_total{kind=\"K\",name=\"o02999\",namespace=\"\"} 2999\n")
        .endsWith("\ntail 1\ntail 2\n");
    assertThat(scrape.length()).isEqualTo(written.length);
  }

  @Test
  void anEmptyStoreIsItsHeadersThenTheTail() throws IOException {
    ScrapeBytes scrape = store.scrape(ExpositionFormat.OPENMETRICS_100, TAIL);

    String text = new String(copied(scrape, 7), StandardCharsets.UTF_8);

    assertThat(text).isEqualTo("# TYPE virt_platform_compliance_status gauge\n"
        + "# HELP virt_platform_compliance_status " + ExpositionText.help(COMPLIANCE_STATUS.help(), true) + "\n"
        + "# TYPE virt_platform_thrashing counter\n"
        + "# HELP virt_platform_thrashing " + ExpositionText.help(THRASHING_TOTAL.help(), true) + "\n"
        + "tail 1\ntail 2\n");
    assertThat(scrape.length()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void putsAfterTheScrapeWasTakenDoNotShowInIt() throws IOException {
    fill(500);
    ScrapeBytes scrape = store.scrape(ExpositionFormat.PROMETHEUS_TEXT_004, TAIL);
    long length = scrape.length();
    ByteBuffer firstPart = ByteBuffer.allocate(10);
    scrape.copyTo(firstPart);

    store.put(COMPLIANCE_STATUS, "o00001", List.of(Sample.of(0, "K", "changed", "")));
    store.remove(THRASHING_TOTAL, "o00002");
    store.put(THRASHING_TOTAL, "new", List.of(Sample.of(1, "K", "new", "")));
    ByteBuffer rest = ByteBuffer.allocate((int) length);
    boolean more = scrape.copyTo(rest);

    assertThat(more).isFalse();
    assertThat(firstPart.position() + rest.position()).isEqualTo(length);
    String text = new String(rest.array(), 0, rest.position(), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("changed", "\"new\"")
        .contains("virt_platform_thrashing_total{kind=\"K\",name=\"o00002\",namespace=\"\"} 2\n");
  }

  private void fill(int owners) {
    for (int i = 0; i < owners; i++) {
      String name = String.format("o%05d", i);
      store.put(COMPLIANCE_STATUS, name, List.of(Sample.of(i % 2, "K", name, "")));
      store.put(THRASHING_TOTAL, name, List.of(Sample.of(i, "K", name, "")));
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] written(ScrapeBytes scrape) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    scrape.writeTo(out);
    return out.toByteArray();
  }

  /** Copies buffer after buffer, each filled completely except the last, as a send does. */
  private static byte[] copied(ScrapeBytes scrape, int bufferBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
    boolean more;
    do {
      buffer.clear();
      more = scrape.copyTo(buffer);
      assertThat(more && buffer.hasRemaining()).as("a buffer left part empty mid-body").isFalse();
      out.write(buffer.array(), 0, buffer.position());
    } while (more);
    return out.toByteArray();
  }
}
