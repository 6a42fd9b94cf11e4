package io.virtplatform.exporter.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.SelfMetrics;
import io.virtplatform.exporter.http.ExporterHttpServer;
import io.virtplatform.exporter.http.Protection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --auth-filter} against the mock API server answering TokenReviews and
 * SubjectAccessReviews the way a cluster with these bindings would: Prometheus' service account
 * may get {@code /metrics}, the user {@code alice} may get the drift explainer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesAccessCheckTest {

  private static final String PROMETHEUS = "system:serviceaccount:monitoring:prometheus-k8s";
  private static final Map<String, String> USERS =
      Map.of("prometheus-token", PROMETHEUS, "alice-token", "alice");
  private static final Map<String, Set<String>> RIGHTS = Map.of(
      PROMETHEUS, Set.of("/metrics"),
      "alice", Set.of("/drift", "/api/v1/drift", "/"));

  private final KubernetesMockServer api = new KubernetesMockServer(false);
  private final List<String> reviews = new CopyOnWriteArrayList<>();
  private final List<SubjectAccessReview> accessReviews = new CopyOnWriteArrayList<>();
  private final AtomicBoolean apiFailing = new AtomicBoolean();
  private final AtomicLong nanos = new AtomicLong();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private KubernetesClient reviewClient;
  private ExporterHttpServer server;

  @BeforeEach
  void start() {
    api.init();
    api.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews")
        .andReply(reply(this::tokenReview)).always();
    api.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
        .andReply(reply(this::accessReview)).always();
    reviewClient = Protections.reviewClient(api.createClient().getConfiguration());
    Ticker ticker = nanos::get;
    server = new ExporterHttpServer(new InetSocketAddress("127.0.0.1", 0),
        MetricStore.forCatalog(), new SelfMetrics("test"), Optional::empty,
        new Protection(Optional.empty(), new KubernetesAccessCheck(reviewClient, ticker),
            Map.of()))
        .route("/drift", "drift", exchange -> exchange.getResponseSender().send("drift"))
        .route("/api/v1/drift", "drift json", exchange -> exchange.getResponseSender().send("{}"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
    api.destroy();
  }

  @Test
  void prometheusMayReadMetricsOnly() throws Exception {
    HttpResponse<String> metrics = get("/metrics", "prometheus-token");
    HttpResponse<String> drift = get("/drift", "prometheus-token");
    HttpResponse<String> json = get("/api/v1/drift", "prometheus-token");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("virt_platform_exporter_build_info");
    assertThat(drift.statusCode()).isEqualTo(403);
    assertThat(drift.body()).isEmpty();
    assertThat(json.statusCode()).isEqualTo(403);
    SubjectAccessReview asked = accessReviews.get(0);
    assertThat(asked.getSpec().getUser()).isEqualTo(PROMETHEUS);
    assertThat(asked.getSpec().getGroups()).containsExactly("system:serviceaccounts");
    assertThat(asked.getSpec().getNonResourceAttributes().getPath()).isEqualTo("/metrics");
    assertThat(asked.getSpec().getNonResourceAttributes().getVerb()).isEqualTo("get");
    assertThat(asked.getSpec().getResourceAttributes()).isNull();
  }

  @Test
  void aDriftReaderMayReadTheDriftExplainerButNotMetrics() throws Exception {
    assertThat(get("/drift", "alice-token").statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/drift", "alice-token").body()).isEqualTo("{}");
    assertThat(get("/", "alice-token").statusCode()).isEqualTo(200);
    assertThat(get("/metrics", "alice-token").statusCode()).isEqualTo(403);
  }

  @Test
  void anInvalidOrMissingTokenGets401WithoutABody() throws Exception {
    HttpResponse<String> invalid = get("/metrics", "forged-token");
    HttpResponse<String> missing = get("/metrics", null);

    assertThat(invalid.statusCode()).isEqualTo(401);
    assertThat(invalid.body()).isEmpty();
    assertThat(invalid.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(reviews).containsExactly("forged-token");
    assertThat(accessReviews).isEmpty();
  }

  @Test
  void probesStayOpen() throws Exception {
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
    assertThat(reviews).isEmpty();
  }

  @Test
  void decisionsAreCachedForTheirTimeToLive() throws Exception {
    get("/metrics", "prometheus-token");
    get("/metrics", "prometheus-token");
    get("/drift", "prometheus-token");
    get("/drift", "prometheus-token");
    assertThat(reviews).hasSize(2);

    advance(KubernetesAccessCheck.DENIED_TTL.plusSeconds(1));
    assertThat(get("/metrics", "prometheus-token").statusCode()).isEqualTo(200);
    assertThat(get("/drift", "prometheus-token").statusCode()).isEqualTo(403);
    assertThat(reviews).as("denial expired, allowance not").hasSize(3);

    advance(KubernetesAccessCheck.ALLOWED_TTL);
    assertThat(get("/metrics", "prometheus-token").statusCode()).isEqualTo(200);
    assertThat(reviews).as("allowance expired").hasSize(4);
  }

  @Test
  void aFailingApiServerMeansDenyAndNothingCached() throws Exception {
    apiFailing.set(true);
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int status;
    // slf4j-simple writes to whatever System.err is when it logs.
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      status = get("/metrics", "prometheus-token").statusCode();
    } finally {
      System.setErr(stderr);
    }

    assertThat(status).isEqualTo(401);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("WARN", "Denied /metrics to 127.0.0.1: the TokenReview failed")
        .doesNotContain("prometheus-token");
    apiFailing.set(false);
    assertThat(get("/metrics", "prometheus-token").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnreachableApiServerMeansDenyQuickly() throws Exception {
    api.shutdown();

    long started = System.nanoTime();
    HttpResponse<String> response = get("/metrics", "prometheus-token");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(Duration.ofSeconds(Protections.REVIEW_TIMEOUT_MILLIS / 1000 * 2));
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Object tokenReview(RecordedRequest request) {
    TokenReview review = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
    String token = review.getSpec().getToken();
    reviews.add(token);
    String user = USERS.get(token);
    review.setStatus(user == null
        ? new TokenReviewStatusBuilder().withAuthenticated(false).build()
        : new TokenReviewStatusBuilder().withAuthenticated(true).withNewUser()
            .withUsername(user).withGroups(user.startsWith("system:serviceaccount:")
                ? List.of("system:serviceaccounts") : List.of())
            .endUser().build());
    return review;
  }

  private Object accessReview(RecordedRequest request) {
    SubjectAccessReview review =
        Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
    accessReviews.add(review);
    boolean allowed = review.getSpec().getNonResourceAttributes() != null
        && "get".equals(review.getSpec().getNonResourceAttributes().getVerb())
        && RIGHTS.getOrDefault(review.getSpec().getUser(), Set.of())
            .contains(review.getSpec().getNonResourceAttributes().getPath());
    review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed).build());
    return review;
  }

  /** 201 with the body, or 503 while the API server is failing. */
  private ResponseProvider<Object> reply(java.util.function.Function<RecordedRequest, Object> body) {
    return new ResponseProvider<>() {
      private Headers headers = new Headers.Builder().build();

      @Override
      public int getStatusCode(RecordedRequest request) {
        return apiFailing.get() ? 503 : 201;
      }

      @Override
      public Object getBody(RecordedRequest request) {
        return apiFailing.get() ? "{\"kind\":\"Status\",\"code\":503}" : body.apply(request);
      }

      @Override
      public Headers getHeaders() {
        return headers;
      }

      @Override
      public void setHeaders(Headers headers) {
        this.headers = headers;
      }
    };
  }
}
