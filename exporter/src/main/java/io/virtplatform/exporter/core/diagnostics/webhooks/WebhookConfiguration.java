package io.virtplatform.exporter.core.diagnostics.webhooks;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Validating- or MutatingWebhookConfiguration reduced to what the check reads, so both kinds go
 * through the same code.
 */
record WebhookConfiguration(Type type, String name, Map<String, String> labels,
    List<Webhook> webhooks) {

  /** The {@code type} label value of each kind. */
  enum Type {
    VALIDATING("validating"),
    MUTATING("mutating");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** The Service a webhook is called through; {@code port} defaults to 443 as in the API. */
  record ServiceTarget(String namespace, String name, int port) {}

  /**
   * One webhook. {@code service} is empty for a webhook called by URL; {@code failurePolicy}
   * is {@code Fail} when unset, the API's default; {@code caBundle} is base64, possibly empty.
   */
  record Webhook(String name, Optional<ServiceTarget> service, String failurePolicy,
      String caBundle) {}

  private static final int DEFAULT_PORT = 443;
  private static final String DEFAULT_FAILURE_POLICY = "Fail";

  WebhookConfiguration {
    labels = Map.copyOf(labels);
    webhooks = List.copyOf(webhooks);
  }

  static WebhookConfiguration of(ValidatingWebhookConfiguration c) {
    return of(Type.VALIDATING, c.getMetadata(), c.getWebhooks(), ValidatingWebhook::getName,
        ValidatingWebhook::getClientConfig, ValidatingWebhook::getFailurePolicy);
  }

  static WebhookConfiguration of(MutatingWebhookConfiguration c) {
    return of(Type.MUTATING, c.getMetadata(), c.getWebhooks(), MutatingWebhook::getName,
        MutatingWebhook::getClientConfig, MutatingWebhook::getFailurePolicy);
  }

  private static <W> WebhookConfiguration of(Type type, ObjectMeta meta, List<W> webhooks,
      Function<W, String> name, Function<W, WebhookClientConfig> clientConfig,
      Function<W, String> failurePolicy) {
    List<Webhook> reduced = Objects.requireNonNullElse(webhooks, List.<W>of()).stream()
        .map(w -> webhook(name.apply(w), clientConfig.apply(w), failurePolicy.apply(w)))
        .toList();
    return new WebhookConfiguration(type, meta.getName(),
        Objects.requireNonNullElse(meta.getLabels(), Map.of()), reduced);
  }

  private static Webhook webhook(String name, WebhookClientConfig config, String failurePolicy) {
    ServiceReference ref = config == null ? null : config.getService();
    Optional<ServiceTarget> service = Optional.ofNullable(ref).map(r -> new ServiceTarget(
        r.getNamespace(), r.getName(), Objects.requireNonNullElse(r.getPort(), DEFAULT_PORT)));
    String caBundle = config == null ? "" : Objects.requireNonNullElse(config.getCaBundle(), "");
    return new Webhook(name, service,
        Objects.requireNonNullElse(failurePolicy, DEFAULT_FAILURE_POLICY), caBundle);
  }
}
