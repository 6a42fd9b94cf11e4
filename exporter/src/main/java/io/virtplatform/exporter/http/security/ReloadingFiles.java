package io.virtplatform.exporter.http.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.virtplatform.exporter.http.TlsListener;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from files, read again when their content changes: certificates that cert-manager
 * or the OpenShift service CA rotate in a mounted Secret. Checked when the value is asked for, at
 * most once per {@link #CHECK_INTERVAL}, by comparing the files' bytes (a Secret volume swaps a
 * symlink, which timestamps do not always show). A change that fails to load (a key that does not
 * match its certificate, a half-written file) is logged and the last good value kept, until the
 * files change again.
 *
 * @param <T> what the files hold
 */
final class ReloadingFiles<T> {

  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingFiles.class);

  /** Reads the value from the files; fails with a message that names the file. */
  interface Reader<T> {
    T read() throws IOException;
  }

  /** A loaded value, numbered so that callers can tell two loads apart. */
  record Loaded<T>(long generation, T value) {
  }

  private final String what;
  private volatile TlsListener.ReloadObserver observer;
  private volatile String observedAs;
  private final List<Path> files;
  private final Reader<T> reader;
  private final LongSupplier nanoTime;
  private volatile Loaded<T> current;
  private volatile long nextCheckNanos;
  private List<byte[]> currentContents;
  private List<byte[]> rejectedContents;

  /** Loads the files once; a failure here is a start-up error. */
  ReloadingFiles(String what, List<Path> files, Reader<T> reader, LongSupplier nanoTime)
      throws IOException {
    this.what = what;
    this.files = List.copyOf(files);
    this.reader = reader;
    this.nanoTime = nanoTime;
    this.currentContents = contents();
    this.current = new Loaded<>(1, reader.read());
    this.nextCheckNanos = nanoTime.getAsLong() + CHECK_INTERVAL.toNanos();
  }

  /**
   * Tells {@code observer}, as {@code files}, that the files loaded (at once) and the outcome of
   * every later load.
   */
  void observe(String files, TlsListener.ReloadObserver observer) {
    this.observedAs = files;
    this.observer = observer;
    observer.reloaded(files, rejectedContents == null);
  }

  private void report(boolean success) {
    TlsListener.ReloadObserver now = observer;
    if (now != null) {
      now.reloaded(observedAs, success);
    }
  }

  /** The value of the files, read again first if they changed since the last check. */
  Loaded<T> current() {
    if (nanoTime.getAsLong() - nextCheckNanos >= 0) {
      reloadIfChanged();
    }
    return current;
  }

  private synchronized void reloadIfChanged() {
    long now = nanoTime.getAsLong();
    if (now - nextCheckNanos < 0) {
      return;
    }
    nextCheckNanos = now + CHECK_INTERVAL.toNanos();
    List<byte[]> contents;
    try {
      contents = contents();
    } catch (IOException e) {
      // Between the removal and the creation of a file: the next check sees the new one.
      return;
    }
    if (same(contents, currentContents) || same(contents, rejectedContents)) {
      return;
    }
    try {
      T value = reader.read();
      current = new Loaded<>(current.generation() + 1, value);
      currentContents = contents;
      rejectedContents = null;
      report(true);
      LOG.info("Reloaded the {} from {}", what, files);
    } catch (IOException | RuntimeException e) {
      rejectedContents = contents;
      report(false);
      LOG.warn("The {} in {} changed but cannot be loaded; still serving the previous one: {}",
          what, files, e.getMessage());
    }
  }

  private List<byte[]> contents() throws IOException {
    List<byte[]> contents = new ArrayList<>(files.size());
    for (Path file : files) {
      contents.add(Files.readAllBytes(file));
    }
    return contents;
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
