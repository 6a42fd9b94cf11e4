package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.http.DriftRedaction;
import io.virtplatform.exporter.http.Protection;
import io.virtplatform.exporter.testing.MockCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's Secret, through the running exporter: with a Secret in the golden state whose live
 * value drifted, no endpoint serves either value, in plain text or base64, while the drift
 * explainer still names the field and who wrote it.
 */
class SecretValuesTest {

  private static final String LIVE = "S3cr3t-live-value";
  private static final String GOLDEN = "golden-secret-value";
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final MockCluster cluster = new MockCluster();
  private KubernetesClient exporterClient;
  private ExporterRuntime runtime;

  @AfterEach
  void stop() {
    runtime.close();
    exporterClient.close();
    cluster.close();
  }

  @Test
  void noEndpointServesASecretsValues() throws IOException {
    FieldsV1 password = new FieldsV1();
    password.setAdditionalProperty("f:data", Map.of("f:password", Map.of()));
    cluster.client().secrets().inNamespace("cdi").resource(new SecretBuilder()
        .withNewMetadata().withName("s3-credentials").withNamespace("cdi")
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl-edit")
            .withOperation("Update").withApiVersion("v1").withFieldsType("FieldsV1")
            .withFieldsV1(password)
            .build())
        .endMetadata()
        .addToData("password", base64(LIVE)).build()).create();
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "goldenState:\n  directories: [golden]\n");
    Files.writeString(Files.createDirectories(dir.resolve("golden")).resolve("secret.yaml"),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s3-credentials\n  namespace: cdi\n"
            + "data:\n  password: " + base64(GOLDEN) + "\n");
    exporterClient = cluster.newClient();
    runtime = ExporterRuntime.start(exporterClient,
        (LoadedConfig) new ConfigLoader().load(config), config,
        new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), Protection.NONE,
            DriftRedaction.SECRETS), Clock.systemUTC());

    await(GENEROUS, () -> assertThat(get("/api/v1/drift")).contains("s3-credentials"));

    for (String path : new String[] {"/api/v1/drift", "/drift", "/metrics", "/"}) {
      assertThat(get(path)).as(path)
          .doesNotContain(LIVE, GOLDEN, base64(LIVE), base64(GOLDEN));
    }
    assertThat(get("/api/v1/drift")).contains("\"pointer\" : \"/data/password\"",
        "\"valueHidden\" : true", "\"manager\" : \"kubectl-edit\"");
    assertThat(get("/drift")).contains("value hidden", "kubectl-edit");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private String get(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + runtime.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new AssertionError(path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
