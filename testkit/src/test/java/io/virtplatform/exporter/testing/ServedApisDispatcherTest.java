package io.virtplatform.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mock answers discovery with the status codes and bodies a v1.26 server was recorded with. */
class ServedApisDispatcherTest {

  private final ServedApisDispatcher dispatcher = new ServedApisDispatcher();
  private final MockApiServer server = new MockApiServer(dispatcher);

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.url().replaceAll("/$", "") + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servedBuiltInGroupVersionsListTheirResources() throws Exception {
    HttpResponse<String> apps = get("/apis/apps/v1");
    assertThat(apps.statusCode()).isEqualTo(200);
    assertThat(apps.body()).contains("\"name\":\"deployments\"", "\"kind\":\"Deployment\"");
    assertThat(get("/api/v1").body()).contains("\"name\":\"configmaps\"");
  }

  @Test
  void aRemovedBuiltInVersionIsTheRecordedJsonNotFound() throws Exception {
    HttpResponse<String> policy = get("/apis/policy/v1beta1");
    assertThat(policy.statusCode()).isEqualTo(404);
    assertThat(policy.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(policy.body()).isEqualTo(ServedApisDispatcher.BUILT_IN_NOT_FOUND);
    assertThat(get("/apis/autoscaling/v2beta2").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownGroupIsThePlainTextNotFound() throws Exception {
    HttpResponse<String> unknown = get("/apis/snapshot.storage.k8s.io/v1");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(unknown.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void aForbiddenPathAnswers403UntilAllowed() throws Exception {
    dispatcher.forbid("/api/v1/namespaces/rec/configmaps", "{\"code\":403}");
    assertThat(get("/api/v1/namespaces/rec/configmaps?watch=true").statusCode()).isEqualTo(403);
    dispatcher.allowAll();
    assertThat(get("/api/v1/namespaces/rec/configmaps").statusCode()).isEqualTo(200);
  }
}
