package io.virtplatform.e2e;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.virtplatform.exporter.config.PemFiles;
import io.virtplatform.exporter.config.WebConfig;
import io.virtplatform.exporter.config.WebConfigLoader;
import io.virtplatform.exporter.http.DriftRedaction;
import io.virtplatform.exporter.http.security.Protections;
import io.virtplatform.exporter.runtime.HttpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The exporter as deployed: HTTPS with a web config, and --auth-filter asking an API server that
 * knows one token, Prometheus', allowed to get /metrics and nothing else. The certificate is the
 * test fixture exporter/src/test/resources/pem/pkcs1-rsa.crt, issued for
 * {@value #SERVER_NAME}.
 */
final class SecuredEndpoint implements AutoCloseable {

  static final String SERVER_NAME = "virt-platform-exporter.test";
  static final String PROMETHEUS_TOKEN = "e2e-prometheus-token";

  private static final Path PEM = Repository.ROOT.resolve("exporter/src/test/resources/pem");

  private final KubernetesMockServer reviews = new KubernetesMockServer(false);
  private final Path caFile;
  private final Path tokenFile;
  private final HttpEndpoint endpoint;
  private final KubernetesClient reviewsClient;

  SecuredEndpoint(Path dir) throws IOException {
    caFile = Files.copy(PEM.resolve("pkcs1-rsa.crt"), dir.resolve("tls.crt"));
    Files.copy(PEM.resolve("pkcs1-rsa.key"), dir.resolve("tls.key"));
    tokenFile = Files.writeString(dir.resolve("token"), PROMETHEUS_TOKEN);
    Path webConfig = Files.writeString(dir.resolve("web-config.yaml"),
        "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n");
    WebConfig web = WebConfigLoader.load(webConfig).config()
        .orElseThrow(() -> new AssertionError("the e2e web config does not load"));
    reviews.init();
    reviews.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews")
        .andReply(201, request -> tokenReview(request.getUtf8Body())).always();
    reviews.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
        .andReply(201, request -> accessReview(request.getUtf8Body())).always();
    reviewsClient = reviews.createClient();
    endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0),
        Protections.create(web, Optional.of(reviewsClient.getConfiguration())),
        DriftRedaction.SECRETS);
  }

  HttpEndpoint endpoint() {
    return endpoint;
  }

  /** For Prometheus' tls_config.ca_file. */
  Path caFile() {
    return caFile;
  }

  /** For Prometheus' authorization.credentials_file. */
  Path tokenFile() {
    return tokenFile;
  }

  /** A client context that trusts the exporter's certificate. */
  SSLContext trusting() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("exporter", PemFiles.certificates(caFile).get(0));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static Object tokenReview(String body) {
    TokenReview review = Serialization.unmarshal(body, TokenReview.class);
    boolean known = PROMETHEUS_TOKEN.equals(review.getSpec().getToken());
    review.setStatus(known
        ? new TokenReviewStatusBuilder().withAuthenticated(true).withNewUser()
            .withUsername("system:serviceaccount:monitoring:prometheus-k8s")
            .withGroups(List.of("system:serviceaccounts")).endUser().build()
        : new TokenReviewStatusBuilder().withAuthenticated(false).build());
    return review;
  }

  private static Object accessReview(String body) {
    SubjectAccessReview review = Serialization.unmarshal(body, SubjectAccessReview.class);
    boolean allowed = review.getSpec().getNonResourceAttributes() != null
        && "/metrics".equals(review.getSpec().getNonResourceAttributes().getPath())
        && "get".equals(review.getSpec().getNonResourceAttributes().getVerb());
    review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed).build());
    return review;
  }

  @Override
  public void close() {
    reviewsClient.close();
    reviews.destroy();
  }
}
