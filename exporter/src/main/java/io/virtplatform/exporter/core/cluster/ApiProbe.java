package io.virtplatform.exporter.core.cluster;

import static io.virtplatform.exporter.core.model.LogSafe.quote;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a hung API server from a quiet one. A stopped (SIGSTOP) or overloaded server keeps its
 * TCP connections open, so the client goes on believing its watches are alive while no event can
 * arrive; a cheap {@code GET /version} with a short timeout, on a thread of its own, notices. Any
 * HTTP answer counts as reachable (even 401 or 403: the server is there).
 */
public final class ApiProbe implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiProbe.class);

  /** How often the server is asked, and how long an answer may take. */
  public static final Duration PERIOD = Duration.ofSeconds(1);
  public static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** Missed answers in a row after which the server counts as unreachable. */
  static final int MISSES_UNTIL_UNREACHABLE = 2;

  private final KubernetesClient client;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "api-probe");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean reachable = true;
  private int misses;

  public ApiProbe(KubernetesClient client) {
    this.client = client;
  }

  public void start() {
    thread.scheduleWithFixedDelay(this::probe, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** False once the server has not answered {@link #MISSES_UNTIL_UNREACHABLE} probes in a row. */
  public boolean reachable() {
    return reachable;
  }

  private void probe() {
    String problem = ask();
    if (problem == null) {
      if (!reachable) {
        LOG.info("The API server answers again");
      }
      misses = 0;
      reachable = true;
    } else if (++misses >= MISSES_UNTIL_UNREACHABLE && reachable) {
      reachable = false;
      LOG.warn("The API server does not answer ({}); informers count as not watching until it"
          + " does", quote(problem));
    }
  }

  /** Null when the server answered, else why not. */
  private String ask() {
    String base = client.getMasterUrl().toString();
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(base.endsWith("/") ? base + "version" : base + "/version")
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, String.class);
    try {
      answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      answer.cancel(true);
      return "no answer within " + TIMEOUT.toMillis() + " ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return String.valueOf(e.getCause() == null ? e : e.getCause());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
