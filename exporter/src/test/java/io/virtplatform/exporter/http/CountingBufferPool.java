package io.virtplatform.exporter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's buffer pool that counts the buffers taken and not yet given back, and the buffers
 * given back twice (which would hand one buffer to two users).
 */
final class CountingBufferPool implements ByteBufferPool {

  private final ByteBufferPool pool;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger closedTwice = new AtomicInteger();

  CountingBufferPool(ByteBufferPool pool) {
    this.pool = pool;
  }

  int outstanding() {
    return outstanding.get();
  }

  int taken() {
    return taken.get();
  }

  int closedTwice() {
    return closedTwice.get();
  }

  @Override
  public PooledByteBuffer allocate() {
    PooledByteBuffer buffer = pool.allocate();
    taken.incrementAndGet();
    outstanding.incrementAndGet();
    return new PooledByteBuffer() {
      private final AtomicBoolean open = new AtomicBoolean(true);

      @Override
      public ByteBuffer getBuffer() {
        return buffer.getBuffer();
      }

      @Override
      public void close() {
        if (open.compareAndSet(true, false)) {
          outstanding.decrementAndGet();
          buffer.close();
        } else {
          closedTwice.incrementAndGet();
        }
      }

      @Override
      public boolean isOpen() {
        return open.get();
      }
    };
  }

  @Override
  public ByteBufferPool getArrayBackedPool() {
    return pool.getArrayBackedPool();
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public int getBufferSize() {
    return pool.getBufferSize();
  }

  @Override
  public boolean isDirect() {
    return pool.isDirect();
  }
}
