package io.virtplatform.exporter.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.xnio.channels.Channels;
import org.xnio.channels.StreamSinkChannel;

/**
 * A blocking stream onto the response channel (through gzip when the encoding handler set it up)
 * that hands the channel {@value #BUFFER_BYTES}-byte blocks from one direct buffer kept per
 * worker thread.
 *
 * <p>Why not {@code exchange.getOutputStream()}: it passes every write larger than its 16 KB
 * pooled buffer to the channel at once, allocating buffer arrays on the way, so a scrape written
 * as 16 KB chunks cost a system call and some garbage per chunk. Here the number of channel
 * writes is the body size over the block size, and a scrape allocates nothing for it. Blocking
 * writes go through the same {@link Channels#writeBlocking} as Undertow's stream, so the server's
 * write timeout applies alike.
 */
final class ResponseChannelOutput extends OutputStream {

  static final int BUFFER_BYTES = 128 * 1024;

  // A worker thread serves one request at a time, so it can reuse one buffer for all of them.
  private static final ThreadLocal<ByteBuffer> BUFFERS =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_BYTES));

  private final StreamSinkChannel channel;
  private final ByteBuffer buffer;
  private boolean closed;

  /** Call on a worker thread with the exchange in blocking mode, before anything is written. */
  ResponseChannelOutput(HttpServerExchange exchange) {
    this.channel = exchange.getResponseChannel();
    if (channel == null) {
      throw new IllegalStateException("the response channel is already in use");
    }
    this.buffer = BUFFERS.get();
    buffer.clear();
  }

  @Override
  public void write(int b) throws IOException {
    checkOpen();
    if (!buffer.hasRemaining()) {
      drain();
    }
    buffer.put((byte) b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    checkOpen();
    int from = offset;
    int left = length;
    while (left > 0) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int part = Math.min(left, buffer.remaining());
      buffer.put(bytes, from, part);
      from += part;
      left -= part;
    }
  }

  /** Hands what is buffered to the channel (which may still hold it, e.g. in the deflater). */
  @Override
  public void flush() throws IOException {
    drain();
  }

  /** Writes the rest, ends the response body and waits until the channel took all of it. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    drain();
    channel.shutdownWrites();
    Channels.flushBlocking(channel);
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("response body already ended");
    }
  }

  private void drain() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    Channels.writeBlocking(channel, buffer);
    buffer.clear();
  }
}
