package io.virtplatform.exporter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between the exporter and the mock API server that injects the faults a real API
 * server shows (plain Java, no HTTP knowledge):
 *
 * <ul>
 *   <li>{@link Mode#FORWARD}: passes bytes both ways;
 *   <li>{@link Mode#REFUSE}: the port is closed and open connections are cut, as when the API
 *       server process is gone;
 *   <li>{@link Mode#BLACK_HOLE}: connections are accepted and kept open but nothing comes back,
 *       as when the API server is stopped (SIGSTOP) or overloaded. Bytes sent meanwhile are held
 *       and delivered once the proxy forwards again, as a resumed process would read them.
 * </ul>
 */
public final class FaultProxy implements AutoCloseable {

  public enum Mode { FORWARD, REFUSE, BLACK_HOLE }

  private final InetSocketAddress target;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile Mode mode;
  private volatile ServerSocket listener;
  private volatile boolean closed;

  /** A proxy on a free loopback port in front of {@code targetUrl}, starting in {@code mode}. */
  public FaultProxy(String targetUrl, Mode mode) {
    URI uri = URI.create(targetUrl);
    this.target = new InetSocketAddress(uri.getHost(), uri.getPort());
    this.mode = mode;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      this.port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (mode != Mode.REFUSE) listen();
  }

  /** The URL a client uses to reach the target through the proxy. */
  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  public synchronized void mode(Mode newMode) {
    Mode old = mode;
    mode = newMode;
    if (newMode == Mode.REFUSE) {
      closeListener();
      open.forEach(FaultProxy::closeQuietly);
      open.clear();
    } else if (old == Mode.REFUSE) {
      listen();
    }
    notifyAll();
  }

  private void listen() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + port, e);
    }
    ServerSocket socket = listener;
    Thread acceptor = new Thread(() -> acceptLoop(socket), "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        daemon(() -> connect(client), "fault-proxy-connect");
      } catch (IOException e) {
        return; // listener closed
      }
    }
  }

  /** A black hole accepts but does not pass the connection on until it forwards again. */
  private void connect(Socket client) {
    try {
      awaitForwarding();
      if (client.isClosed()) return;
      Socket upstream = new Socket(target.getAddress(), target.getPort());
      open.add(upstream);
      daemon(() -> pump(client, upstream), "fault-proxy-up");
      daemon(() -> pump(upstream, client), "fault-proxy-down");
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        awaitForwarding();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // one side closed, or the proxy cut it
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private synchronized void awaitForwarding() throws InterruptedException {
    while (mode == Mode.BLACK_HOLE && !closed) {
      wait();
    }
  }

  private void closeListener() {
    ServerSocket socket = listener;
    if (socket != null) closeQuietly(socket);
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeListener();
    open.forEach(FaultProxy::closeQuietly);
    open.clear();
    notifyAll();
  }
}
