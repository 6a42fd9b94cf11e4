package io.virtplatform.exporter.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.MetricsExposition;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The exporter's HTTP endpoint: {@code /metrics}, {@code /healthz}, {@code /readyz}, an index
 * page at {@code /}, and routes added with {@link #route} before {@link #start()}.
 *
 * <p>Only GET and HEAD are served ({@link AllowedMethods}); every response carries the hardening
 * headers of {@link ResponseHeaders}. The probes answer from the I/O thread: they read in-memory
 * state, so they never wait for a worker, and a kubelet probe is answered however busy the
 * workers are. Every other route is guarded by the {@link Protection}'s access check, then runs
 * on a worker thread in blocking mode into memory ({@link BufferedResponse}); the bytes are sent
 * from the I/O thread, so a slow or stalled reader holds a connection, never a worker.
 *
 * <p>Stalled clients cannot take the server down. A client that accepts no response data for the
 * client timeout is disconnected. A client that sends part of a request and then stalls is
 * disconnected after the same time; it holds no worker meanwhile, since requests are parsed on
 * the I/O thread, but it holds a connection. Connections that send nothing are closed after
 * Undertow's default {@code NO_REQUEST_TIMEOUT} of 60 s, which keeps Prometheus' keep-alive
 * connection open between scrapes.
 */
public final class ExporterHttpServer {

  /**
   * Prometheus closes the connection when its scrape timeout (10 s by default) expires, which
   * fails the write at once; a client that keeps the connection open but accepts no data for as
   * long is stuck, not slow. The timer restarts whenever the client accepts data, so slow links
   * are not cut off. A stuck client holds no worker meanwhile, only its connection and its share
   * of the {@link ResponseBudget}, which this timeout gives back.
   */
  static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(10);

  private static final int IO_THREADS = 1;
  private static final int WORKER_THREADS = 8;
  private static final int GZIP_PRIORITY = 50;
  /** Undertow's own default for a heap over 128 MB. */
  private static final int BUFFER_BYTES = 16 * 1024 - 20;
  /**
   * The buffers the I/O thread keeps for itself: one response being sent and those a request is
   * read and gzipped with. Undertow's default pool keeps 4 per thread and drops the rest, so a
   * send's {@link NonBlockingSend#BUFFERS_PER_SEND} buffers would be allocated anew, and freed,
   * on every scrape.
   */
  private static final int BUFFERS_CACHED_PER_THREAD = NonBlockingSend.BUFFERS_PER_SEND + 4;
  /** Returned buffers kept for any thread beyond that: four responses sent at once (512 KB). */
  private static final int BUFFERS_POOLED = 4 * NonBlockingSend.BUFFERS_PER_SEND;

  private final InetSocketAddress listen;
  private final Duration clientTimeout;
  private final Protection protection;
  private final ResponseBudget budget;
  private final PathHandler routes = new PathHandler(ResponseCodeHandler.HANDLE_404);
  private final List<IndexPage.Link> indexLinks = new CopyOnWriteArrayList<>();
  private Undertow undertow;
  private boolean stopped;

  /**
   * @param notReadyReason why the exporter cannot serve meaningful metrics yet (e.g. informers
   *     not synced), or empty when ready; called on every {@code /readyz} request, on the I/O
   *     thread, so it must only read in-memory state
   */
  public ExporterHttpServer(InetSocketAddress listen, MetricStore store, SelfMetrics self,
      Supplier<Optional<String>> notReadyReason) {
    this(listen, store, self, notReadyReason, DEFAULT_CLIENT_TIMEOUT, Protection.NONE,
        ResponseBudget.DEFAULT_BYTES);
  }

  /** Serves with TLS, access control and headers as {@code protection} says. */
  public ExporterHttpServer(InetSocketAddress listen, MetricStore store, SelfMetrics self,
      Supplier<Optional<String>> notReadyReason, Protection protection) {
    this(listen, store, self, notReadyReason, DEFAULT_CLIENT_TIMEOUT, protection,
        ResponseBudget.DEFAULT_BYTES);
  }

  /**
   * @param clientTimeout how long a client may accept no response data, or take to send the
   *     rest of a request it started, before it is disconnected
   * @param budgetBytes how many bytes of rendered responses may wait for their clients at once
   */
  ExporterHttpServer(InetSocketAddress listen, MetricStore store, SelfMetrics self,
      Supplier<Optional<String>> notReadyReason, Duration clientTimeout, Protection protection,
      long budgetBytes) {
    this.listen = listen;
    this.clientTimeout = clientTimeout;
    this.protection = protection;
    this.budget = new ResponseBudget(budgetBytes);
    protection.tls().ifPresent(tls -> tls.reloads().accept(self::tlsReloaded));
    routes.addExactPath("/", guarded("/",
        new IndexPage(indexLinks), new SendFailures("/", clientTimeout)));
    // Not buffered like the other routes: the store's bytes are sent as they are, and the
    // encoder compresses them as they are sent.
    addRoute("/metrics", "metrics in Prometheus text or OpenMetrics format", gzipWhenAccepted(
        new GuardedRoute("/metrics", protection.access(),
            new MetricsHandler(new MetricsExposition(store, self), clientTimeout,
                SendFailures.counted("/metrics", clientTimeout, self)))));
    addRoute("/healthz", "liveness: 200 while the process serves HTTP",
        exchange -> PlainText.send(exchange, 200, "ok"));
    addRoute("/readyz", "readiness: 200 when ready, else 503 with the reason",
        new ReadinessHandler(notReadyReason));
  }

  /**
   * Serves the handler at exactly this path, behind the access check, and lists it on the index
   * page with the description. The handler runs on a worker thread with the exchange in blocking
   * mode; what it writes is sent once it returns.
   *
   * @throws IllegalArgumentException if the path is already served
   * @throws IllegalStateException if the server has been started
   */
  public synchronized ExporterHttpServer route(String path, String description,
      HttpHandler handler) {
    return addRoute(path, description,
        guarded(path, handler, new SendFailures(path, clientTimeout)));
  }

  private ExporterHttpServer addRoute(String path, String description, HttpHandler handler) {
    if (undertow != null) {
      throw new IllegalStateException("routes must be added before start(): " + path);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with /: " + path);
    }
    if (path.equals("/") || routes.containsExactPath(path)) {
      throw new IllegalArgumentException("path already served: " + path);
    }
    routes.addExactPath(path, handler);
    indexLinks.add(new IndexPage.Link(path, description));
    return this;
  }

  /** Like {@link #route(String, String, HttpHandler)}, listed on the index without description. */
  public ExporterHttpServer route(String path, HttpHandler handler) {
    return route(path, "", handler);
  }

  /**
   * @throws IllegalStateException if already started or the address cannot be bound
   */
  public synchronized void start() {
    if (undertow != null || stopped) {
      throw new IllegalStateException("already started");
    }
    Undertow.Builder builder = Undertow.builder()
        .setIoThreads(IO_THREADS)
        .setWorkerThreads(WORKER_THREADS)
        .setByteBufferPool(new DefaultByteBufferPool(true, BUFFER_BYTES, BUFFERS_POOLED,
            BUFFERS_CACHED_PER_THREAD))
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) clientTimeout.toMillis())
        .setHandler(new ResponseHeaders(protection.headers(), new AllowedMethods(routes)));
    protection.tls().ifPresentOrElse(tls -> builder
            .addHttpsListener(listen.getPort(), listen.getHostString(), tls.context())
            .setSocketOption(Options.SSL_CLIENT_AUTH_MODE, tls.clientAuth())
            .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(tls.protocols()))
            .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(tls.cipherSuites())),
        () -> builder.addHttpListener(listen.getPort(), listen.getHostString()));
    Undertow server = builder.build();
    try {
      server.start();
    } catch (RuntimeException bindFailure) {
      server.stop();
      throw new IllegalStateException("cannot serve HTTP on " + listen.getHostString() + ":"
          + listen.getPort() + ": " + bindFailure.getMessage(), bindFailure);
    }
    undertow = server;
  }

  /** Stops serving and closes the access check; a stopped server cannot be started again. */
  public synchronized void stop() {
    if (undertow != null && !stopped) {
      undertow.stop();
    }
    if (!stopped) {
      protection.access().close();
    }
    stopped = true;
  }

  /** The bound port; differs from the configured one when that was 0. */
  public synchronized int port() {
    if (undertow == null || stopped) {
      throw new IllegalStateException("not serving");
    }
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  private HttpHandler guarded(String path, HttpHandler handler, SendFailures failures) {
    return new GuardedRoute(path, protection.access(),
        new BufferedResponse(handler, clientTimeout, failures, budget));
  }

  static HttpHandler gzipWhenAccepted(HttpHandler handler) {
    return new EncodingHandler(handler, new ContentEncodingRepository()
        .addEncodingHandler("gzip", new GzipEncodingProvider(), GZIP_PRIORITY));
  }
}
