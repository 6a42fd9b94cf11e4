package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Finds out whether the API server serves a kind, by discovery alone: the group version's resource
 * list ({@code /api/v1}, {@code /apis/{group}/{version}}) must name the kind, and the
 * {@code {version}.{group}} APIService, when there is one, must be Available. A 404 means not
 * served whatever the group is called: Kubernetes removes its own versions too (policy/v1beta1,
 * autoscaling/v2beta2), and CRD groups may end in {@code .k8s.io}.
 *
 * <p>Every request has a timeout ({@link #TIMEOUT}) and the group versions of a batch are asked
 * in parallel, so a hung API server costs one timeout per batch, not one per kind. Within
 * {@link #inOneRound} each group version is asked once, however many batches name it: the checks
 * that reconcile one after the other on a config change then share the answers instead of each
 * waiting for its own round trip.
 */
public final class ApiResolver {

  /** How long one discovery request may take before the answer counts as unknown. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final BiFunction<String, String, Optional<Boolean>> apiServiceAvailable;
  /** The requests of the current round on this thread, by group version; absent outside one. */
  private final ThreadLocal<Map<String, CompletableFuture<HttpResponse<String>>>> round =
      new ThreadLocal<>();

  /**
   * @param apiServiceAvailable (group, version) to the Available condition of its APIService, or
   *     empty when there is no such APIService
   */
  public ApiResolver(
      KubernetesClient client, BiFunction<String, String, Optional<Boolean>> apiServiceAvailable) {
    this.client = client;
    this.apiServiceAvailable = apiServiceAvailable;
  }

  /**
   * Runs {@code work} on this thread with one discovery request per group version for all of it:
   * an answer is as current for the last batch of the round as for the first. Nested rounds are
   * part of the outer one.
   */
  public void inOneRound(Runnable work) {
    if (round.get() != null) {
      work.run();
      return;
    }
    round.set(new HashMap<>());
    try {
      work.run();
    } finally {
      round.remove();
    }
  }

  /** Resolves every kind, one discovery request per distinct group version, all in parallel. */
  public Map<GroupVersionKind, Resolution> resolveAll(Collection<GroupVersionKind> kinds) {
    Map<String, CompletableFuture<HttpResponse<String>>> shared = round.get();
    Map<String, CompletableFuture<HttpResponse<String>>> requests =
        shared != null ? shared : new HashMap<>();
    for (GroupVersionKind gvk : kinds) {
      requests.computeIfAbsent(gvk.apiVersion(), this::discover);
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Map<GroupVersionKind, Resolution> answers = new LinkedHashMap<>();
    for (GroupVersionKind gvk : kinds) {
      answers.put(gvk, resolve(gvk, requests.get(gvk.apiVersion()), deadline));
    }
    return answers;
  }

  /**
   * Returns the served API, or empty when the kind is missing or unavailable.
   *
   * @throws KubernetesClientException when discovery cannot tell; the caller keeps what it knew
   */
  public Optional<ServedApi> resolve(GroupVersionKind gvk) {
    Resolution answer = resolveAll(java.util.List.of(gvk)).get(gvk);
    if (answer instanceof Resolution.Unknown unknown) {
      throw new KubernetesClientException(unknown.error());
    }
    return answer instanceof Resolution.Served served
        ? Optional.of(served.api()) : Optional.empty();
  }

  private CompletableFuture<HttpResponse<String>> discover(String apiVersion) {
    String path = apiVersion.contains("/") ? "apis/" + apiVersion : "api/" + apiVersion;
    String base = client.getMasterUrl().toString();
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(base.endsWith("/") ? base + path : base + "/" + path)
        .header("Accept", "application/json")
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    return http.sendAsync(request, String.class);
  }

  private Resolution resolve(GroupVersionKind gvk,
      CompletableFuture<HttpResponse<String>> request, long deadlineNanos) {
    Optional<Boolean> available = apiServiceAvailable.apply(gvk.group(), gvk.version());
    if (available.isPresent() && !available.get()) {
      return new Resolution.NotServed("APIService " + gvk.version() + "." + gvk.group()
          + " is not Available");
    }
    HttpResponse<String> response;
    try {
      response = request.get(Math.max(0, deadlineNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    } catch (TimeoutException | CancellationException e) {
      // Cancelled: an earlier batch of the round gave up on this request.
      request.cancel(true);
      return new Resolution.Unknown("discovery of " + gvk.apiVersion() + " timed out after "
          + TIMEOUT.toSeconds() + "s");
    } catch (ExecutionException e) {
      return new Resolution.Unknown("discovery of " + gvk.apiVersion() + " failed: "
          + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Resolution.Unknown("interrupted");
    }
    int code = response.code();
    if (code == HttpURLConnection.HTTP_NOT_FOUND || code == HttpURLConnection.HTTP_UNAVAILABLE) {
      // 503: an aggregated API whose server is down answers discovery so.
      return new Resolution.NotServed(gvk.apiVersion() + " is not served (HTTP " + code + ")");
    }
    if (code != HttpURLConnection.HTTP_OK) {
      return new Resolution.Unknown("discovery of " + gvk.apiVersion() + " answered HTTP " + code);
    }
    APIResourceList list;
    try {
      list = client.getKubernetesSerialization().unmarshal(response.body(), APIResourceList.class);
    } catch (RuntimeException e) {
      return new Resolution.Unknown("discovery of " + gvk.apiVersion()
          + " answered an unreadable resource list: " + e.getMessage());
    }
    if (list != null && list.getResources() != null) {
      for (APIResource r : list.getResources()) {
        // Subresources such as "kubevirts/status" repeat the kind; only the resource itself counts.
        if (gvk.kind().equals(r.getKind()) && !r.getName().contains("/")) {
          return new Resolution.Served(
              new ServedApi(gvk, r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
        }
      }
    }
    return new Resolution.NotServed(gvk.apiVersion() + " does not list kind " + gvk.kind());
  }
}
