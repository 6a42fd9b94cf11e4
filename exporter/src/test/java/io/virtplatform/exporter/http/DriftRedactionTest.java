package io.virtplatform.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtplatform.exporter.core.drift.DriftReport;
import io.virtplatform.exporter.core.drift.TrackedResources;
import org.junit.jupiter.api.Test;

/**
 * The Secret of issue 11: its live value {@code S3cr3t-live-value} was readable on /drift. Now
 * neither rendering shows a value of a Secret, nor its patch; other kinds show theirs unless
 * every value is hidden.
 */
class DriftRedactionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SECRET_VALUES = {"golden-value", "S3cr3t-live-value",
      "patched-value", "also-secret"};

  private final TrackedResources resources = TrackedResources.golden("""
      apiVersion: v1
      kind: Secret
      metadata: {name: s3-credentials, namespace: cdi}
      stringData: {password: golden-value, user: golden-value}
      """, """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: tuning, namespace: cdi}
      data: {maxUploadSize: 100Gi}
      """).live("""
      apiVersion: v1
      kind: Secret
      metadata:
        name: s3-credentials
        namespace: cdi
        annotations:
          platform.kubevirt.io/patch: '[{"op": "add", "path": "/stringData/token", "value": "patched-value"}]'
        managedFields:
        - manager: kubectl-edit
          operation: Update
          apiVersion: v1
          fieldsType: FieldsV1
          fieldsV1: {f:stringData: {f:password: {}}}
      stringData: {password: S3cr3t-live-value}
      """).live("""
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: tuning, namespace: cdi}
      data: {maxUploadSize: 5Gi}
      """);

  @Test
  void secretsShowPointerHiddenValueAndManagerOnly() throws Exception {
    DriftReport report = DriftRedaction.SECRETS.apply(resources.explain());

    String json = DriftJson.document(report);
    String page = DriftPage.render(report);

    for (String value : SECRET_VALUES) {
      assertThat(json).doesNotContain(value);
      assertThat(page).doesNotContain(value);
    }
    JsonNode secret = JSON.readTree(json).at("/resources/1");
    assertThat(secret.at("/kind").asText()).isEqualTo("Secret");
    JsonNode password = field(secret, "/stringData/password");
    assertThat(password.at("/valueHidden").asBoolean()).isTrue();
    assertThat(password.at("/desired").isNull()).isTrue();
    assertThat(password.at("/live").isNull()).isTrue();
    assertThat(password.at("/manager").asText()).isEqualTo("kubectl-edit");
    assertThat(secret.at("/customizations/patch").asText()).isEqualTo("value hidden");
    assertThat(page).contains("<code>.stringData.password</code><br><small>golden"
        + " <code>/stringData/password</code></small></td><td><em>value hidden</em></td>"
        + "<td><em>value hidden</em></td><td>kubectl-edit</td>");
    assertThat(page).contains("/stringData/token</code>");
  }

  @Test
  void otherKindsShowTheirValuesByDefault() throws Exception {
    JsonNode configMap = JSON.readTree(DriftJson.document(
        DriftRedaction.SECRETS.apply(resources.explain()))).at("/resources/0");

    JsonNode field = field(configMap, "/data/maxUploadSize");
    assertThat(field.at("/desired").asText()).isEqualTo("100Gi");
    assertThat(field.at("/live").asText()).isEqualTo("5Gi");
    assertThat(field.at("/valueHidden").asBoolean()).isFalse();
  }

  @Test
  void hidingAllValuesHidesThemForEveryKind() throws Exception {
    DriftReport report = DriftRedaction.ALL_VALUES.apply(resources.explain());

    String json = DriftJson.document(report);
    String page = DriftPage.render(report);

    assertThat(json).doesNotContain("100Gi", "5Gi");
    assertThat(page).doesNotContain("100Gi", "5Gi");
    assertThat(field(JSON.readTree(json).at("/resources/0"), "/data/maxUploadSize")
        .at("/valueHidden").asBoolean()).isTrue();
  }

  private static JsonNode field(JsonNode resource, String pointer) {
    for (JsonNode field : resource.at("/fields")) {
      if (field.at("/pointer").asText().equals(pointer)) {
        return field;
      }
    }
    throw new AssertionError("no field " + pointer + " in " + resource);
  }
}
