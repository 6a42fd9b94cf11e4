package io.virtplatform.exporter.core.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The bytes of one scrape: each store family's header and rendered lines as one moment left
 * them, then the arrays of a tail (the self metrics). It holds references to the rendered arrays, which are
 * replaced, never modified, so it stays consistent however slowly it is read, and taking one
 * copies nothing and allocates the same few objects whatever the number of series (no buffer
 * view per chunk). Read once, in order: copied into the buffers it is sent from, or written to
 * a stream. Not thread-safe: one reader.
 */
public final class ScrapeBytes {

  private final byte[][] headers;
  private final ChunkedLines.Snapshot[] lines;
  private final byte[][] tail;
  private final long length;
  /** Where reading is: past the families, {@code headers.length + i} is the tail's array i. */
  private int family;
  /** Within the family: 0 is its header, {@code i + 1} its chunk {@code i}. */
  private int part;
  private int offset;

  ScrapeBytes(byte[][] headers, ChunkedLines.Snapshot[] lines, byte[][] tail) {
    if (headers.length != lines.length) {
      throw new IllegalArgumentException(headers.length + " headers for " + lines.length
          + " families");
    }
    this.headers = headers;
    this.lines = lines;
    this.tail = tail;
    long total = 0;
    for (byte[] part : tail) {
      total += part.length;
    }
    for (int i = 0; i < headers.length; i++) {
      total += headers[i].length + lines[i].length();
    }
    this.length = total;
  }

  /** All the bytes, read or not: the response's Content-Length. */
  public long length() {
    return length;
  }

  /**
   * Copies the next bytes into {@code target}, as many as it has room for.
   *
   * @return whether bytes are left to copy
   */
  public boolean copyTo(ByteBuffer target) {
    for (byte[] bytes = currentPart(); bytes != null; bytes = currentPart()) {
      int count = Math.min(bytes.length - offset, target.remaining());
      target.put(bytes, offset, count);
      offset += count;
      if (offset < bytes.length) {
        return true;
      }
      nextPart();
    }
    return false;
  }

  /** Writes the bytes not read yet, one write per rendered array. */
  public void writeTo(OutputStream out) throws IOException {
    for (byte[] bytes = currentPart(); bytes != null; bytes = currentPart()) {
      out.write(bytes, offset, bytes.length - offset);
      nextPart();
    }
  }

  private byte[] currentPart() {
    if (family < headers.length) {
      return part == 0 ? headers[family] : lines[family].chunk(part - 1);
    }
    int tailIndex = family - headers.length;
    return tailIndex < tail.length ? tail[tailIndex] : null;
  }

  private void nextPart() {
    offset = 0;
    if (family < headers.length && part < lines[family].chunkCount()) {
      part++;
    } else {
      family++;
      part = 0;
    }
  }
}
