package io.virtplatform.exporter.core.diagnostics.webhooks;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import io.virtplatform.exporter.testing.SelfSignedCa;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Series;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook check against the mock API server. */
class WebhookDiagnosticTest {

  private static final String READY = "virt_platform_webhook_endpoint_ready";
  private static final String CA_EXPIRY = "virt_platform_webhook_ca_expiry_timestamp_seconds";
  private static final Instant ISSUED = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant VALID_UNTIL = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant EXPIRED_AT = Instant.parse("2025-01-01T00:00:00Z");
  private static final String VALID_CA =
      SelfSignedCa.caBundle(SelfSignedCa.pem("cdi-apiserver", ISSUED, VALID_UNTIL));
  private static final String EXPIRED_CA =
      SelfSignedCa.caBundle(SelfSignedCa.pem("kruise-webhook", ISSUED, EXPIRED_AT));

  private final ClusterViewRun run = new ClusterViewRun(WebhookDiagnostic::new);
  private final KubernetesClient client = run.client();

  @AfterEach
  void stop() {
    run.close();
  }

  private static ValidatingWebhook webhook(String name, String namespace, String service,
      String failurePolicy, String caBundle) {
    return new ValidatingWebhookBuilder().withName(name)
        .withNewClientConfig().withCaBundle(caBundle)
        .withNewService().withNamespace(namespace).withName(service).withPort(443).endService()
        .endClientConfig()
        .withFailurePolicy(failurePolicy).withSideEffects("None")
        .withAdmissionReviewVersions("v1").build();
  }

  private static ValidatingWebhookConfiguration validating(String name, Map<String, String> labels,
      ValidatingWebhook... webhooks) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withWebhooks(webhooks).build();
  }

  private static Service service(String namespace, String name) {
    return new ServiceBuilder(ServiceEndpointsTest.service("ClusterIP", "https", 443))
        .editMetadata().withNamespace(namespace).withName(name).endMetadata().build();
  }

  private static EndpointSlice slice(String namespace, String service, boolean ready) {
    return new EndpointSliceBuilder(ServiceEndpointsTest.slice("https", ready))
        .editMetadata().withNamespace(namespace).withName(service + "-abcde")
        .addToLabels(ServiceEndpoints.SERVICE_NAME_LABEL, service).endMetadata().build();
  }

  private void create(HasMetadata... objects) {
    for (HasMetadata object : objects) {
      client.resource(object).create();
    }
  }

  private static String ready(String configuration, String webhook, String type,
      String namespace, String service, String failurePolicy) {
    return "configuration=\"" + configuration + "\",webhook=\"" + webhook + "\",type=\"" + type
        + "\",service_namespace=\"" + namespace + "\",service=\"" + service
        + "\",failure_policy=\"" + failurePolicy + "\"";
  }

  private static String id(String configuration, String webhook, String type) {
    return "configuration=\"" + configuration + "\",webhook=\"" + webhook + "\",type=\"" + type
        + "\"";
  }

  private void createCdiAndKruise() {
    create(service("cdi", "cdi-api"), slice("cdi", "cdi-api", true),
        service("kruise-system", "kruise-webhook-service"),
        slice("kruise-system", "kruise-webhook-service", false),
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata().withName("cdi-api-datavolume-mutate").endMetadata()
            .addNewWebhook().withName("datavolume-mutate.cdi.kubevirt.io")
            .withNewClientConfig().withCaBundle(VALID_CA)
            .withNewService().withNamespace("cdi").withName("cdi-api").withPort(443).endService()
            .endClientConfig().withFailurePolicy("Fail").withSideEffects("None")
            .withAdmissionReviewVersions("v1").endWebhook().build(),
        validating("kruise-validating-webhook-configuration", Map.of(),
            webhook("vcloneset.kb.io", "kruise-system", "kruise-webhook-service", "Fail",
                EXPIRED_CA),
            webhook("vsidecarset.kb.io", "kruise-system", "kruise-webhook-service", "Ignore",
                EXPIRED_CA)));
  }

  @Test
  void reportsEndpointsFailurePolicyAndCaExpiryOfEachPlatformWebhook() {
    createCdiAndKruise();
    run.apply(DiagnosticsSettings.DEFAULT);

    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(READY)).containsOnly(
          Map.entry(READY + "{" + ready("cdi-api-datavolume-mutate",
              "datavolume-mutate.cdi.kubevirt.io", "mutating", "cdi", "cdi-api", "Fail") + "}",
              1.0),
          Map.entry(READY + "{" + ready("kruise-validating-webhook-configuration",
              "vcloneset.kb.io", "validating", "kruise-system", "kruise-webhook-service", "Fail")
              + "}", 0.0),
          Map.entry(READY + "{" + ready("kruise-validating-webhook-configuration",
              "vsidecarset.kb.io", "validating", "kruise-system", "kruise-webhook-service",
              "Ignore") + "}", 0.0));
      assertThat(s.all(CA_EXPIRY)).containsOnly(
          Map.entry(CA_EXPIRY + "{" + id("cdi-api-datavolume-mutate",
              "datavolume-mutate.cdi.kubevirt.io", "mutating") + "}",
              (double) VALID_UNTIL.getEpochSecond()),
          Map.entry(CA_EXPIRY + "{" + id("kruise-validating-webhook-configuration",
              "vcloneset.kb.io", "validating") + "}", (double) EXPIRED_AT.getEpochSecond()),
          Map.entry(CA_EXPIRY + "{" + id("kruise-validating-webhook-configuration",
              "vsidecarset.kb.io", "validating") + "}", (double) EXPIRED_AT.getEpochSecond()));
    });
  }

  @Test
  void watchesServicesOnlyInTheNamespacesPlatformWebhooksCall() {
    createCdiAndKruise();
    create(service("gatekeeper-system", "gatekeeper-webhook-service"),
        validating("gatekeeper-validating-webhook-configuration", Map.of(),
            webhook("validation.gatekeeper.sh", "gatekeeper-system",
                "gatekeeper-webhook-service", "Ignore", "")));
    run.apply(DiagnosticsSettings.DEFAULT);

    await(() -> {
      assertThat(run.scrape().all(READY)).hasSize(3);
      assertThat(run.informers().pending()).isEmpty();
    });
    assertThat(run.informers().find(ServiceWatches.SERVICES, "cdi")).isPresent();
    assertThat(run.informers().find(ServiceWatches.ENDPOINT_SLICES, "kruise-system"))
        .isPresent();
    assertThat(run.informers().find(ServiceWatches.SERVICES, "gatekeeper-system")).isEmpty();
    assertThat(run.scrape().all(READY).keySet()).noneMatch(k -> k.contains("gatekeeper"));
  }

  @Test
  void followsEndpointsAsPodsTurnReadyAndTheServiceGoes() {
    create(service("kruise-system", "kruise-webhook-service"),
        slice("kruise-system", "kruise-webhook-service", false),
        validating("kruise-validating-webhook-configuration", Map.of(),
            webhook("vcloneset.kb.io", "kruise-system", "kruise-webhook-service", "Fail", "")));
    run.apply(DiagnosticsSettings.DEFAULT);
    String series = ready("kruise-validating-webhook-configuration", "vcloneset.kb.io",
        "validating", "kruise-system", "kruise-webhook-service", "Fail");
    await(() -> assertThat(run.scrape().get(READY, series)).isEqualTo(0.0));

    client.resource(slice("kruise-system", "kruise-webhook-service", true)).update();
    await(() -> assertThat(run.scrape().get(READY, series)).isEqualTo(1.0));

    client.services().inNamespace("kruise-system").withName("kruise-webhook-service").delete();
    await(() -> assertThat(run.scrape().get(READY, series)).isEqualTo(0.0));
    assertThat(run.scrape().all(CA_EXPIRY)).as("empty caBundle").isEmpty();
  }

  @Test
  void aDeletedConfigurationLeavesNoSeriesAndItsNamespaceIsNoLongerWatched() {
    createCdiAndKruise();
    run.apply(DiagnosticsSettings.DEFAULT);
    await(() -> assertThat(run.scrape().all(READY)).hasSize(3));

    client.admissionRegistration().v1().validatingWebhookConfigurations()
        .withName("kruise-validating-webhook-configuration").delete();

    await(() -> {
      Series s = run.scrape();
      assertThat(s.all(READY).keySet()).singleElement().asString()
          .contains("cdi-api-datavolume-mutate");
      assertThat(s.all(CA_EXPIRY).keySet()).singleElement().asString()
          .contains("cdi-api-datavolume-mutate");
      assertThat(run.informers().find(ServiceWatches.SERVICES, "kruise-system")).isEmpty();
    });
  }

  @Test
  void theSelectionFollowsTheSettings() {
    create(service("kruise-system", "kruise-webhook-service"),
        slice("kruise-system", "kruise-webhook-service", true),
        validating("admission-policies", Map.of("app.kubernetes.io/part-of", "openkruise"),
            webhook("vpod.kb.io", "kruise-system", "kruise-webhook-service", "Fail", VALID_CA)));
    run.apply(DiagnosticsSettings.DEFAULT);
    await(() -> assertThat(run.informers().pending()).isEmpty());
    assertThat(run.scrape().all(CA_EXPIRY)).as("not selected by the default names").isEmpty();

    run.apply(withWebhooks(new WebhookSettings(List.of(),
        List.of(Map.of("app.kubernetes.io/part-of", "openkruise")))));
    await(() -> {
      assertThat(run.scrape().get(READY, ready("admission-policies", "vpod.kb.io",
          "validating", "kruise-system", "kruise-webhook-service", "Fail"))).isEqualTo(1.0);
      assertThat(run.scrape().get(CA_EXPIRY, id("admission-policies", "vpod.kb.io",
          "validating"))).isEqualTo((double) VALID_UNTIL.getEpochSecond());
    });

    run.apply(withWebhooks(new WebhookSettings(List.of(), List.of())));
    await(() -> {
      assertThat(run.scrape().all(READY)).isEmpty();
      assertThat(run.scrape().all(CA_EXPIRY)).isEmpty();
    });
  }

  @Test
  void anUnreadableCaBundleHasNoExpirySeriesButTheEndpointIsStillChecked() {
    create(service("cdi", "cdi-api"), slice("cdi", "cdi-api", true),
        validating("cdi-api-datavolume-validate", Map.of(),
            webhook("datavolume-validate.cdi.kubevirt.io", "cdi", "cdi-api", "Fail",
                "bm90IGEgY2VydGlmaWNhdGU=")));
    run.apply(DiagnosticsSettings.DEFAULT);

    await(() -> assertThat(run.scrape().get(READY,
        ready("cdi-api-datavolume-validate", "datavolume-validate.cdi.kubevirt.io", "validating",
            "cdi", "cdi-api", "Fail"))).isEqualTo(1.0));
    assertThat(run.scrape().all(CA_EXPIRY)).isEmpty();
  }

  @Test
  void aWebhookCalledByUrlHasOnlyItsCaExpiry() {
    create(validating("virt-external-validator", Map.of(), new ValidatingWebhookBuilder()
        .withName("external.kubevirt.io")
        .withNewClientConfig().withUrl("https://validator.example.com/validate")
        .withCaBundle(VALID_CA).endClientConfig()
        .withFailurePolicy("Fail").withSideEffects("None").withAdmissionReviewVersions("v1")
        .build()));
    run.apply(DiagnosticsSettings.DEFAULT);

    await(() -> assertThat(run.scrape().get(CA_EXPIRY,
        id("virt-external-validator", "external.kubevirt.io", "validating")))
        .isEqualTo((double) VALID_UNTIL.getEpochSecond()));
    assertThat(run.scrape().all(READY)).isEmpty();
  }

  private static DiagnosticsSettings withWebhooks(WebhookSettings webhooks) {
    return new DiagnosticsSettings(webhooks, DiagnosticsSettings.DEFAULT.dataVolumes(),
        DiagnosticsSettings.DEFAULT.lifecycle());
  }
}
