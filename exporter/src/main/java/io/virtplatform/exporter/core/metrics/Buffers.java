package io.virtplatform.exporter.core.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/** Writes the array-backed views a scrape sends to a stream, one write per view. */
final class Buffers {

  private Buffers() {}

  static void writeTo(List<ByteBuffer> buffers, OutputStream out) throws IOException {
    for (ByteBuffer buffer : buffers) {
      out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
  }
}
