package io.virtplatform.exporter.core.diagnostics.webhooks;

import static io.virtplatform.exporter.core.metrics.ExportedMetric.WEBHOOK_CA_EXPIRY_TIMESTAMP_SECONDS;
import static io.virtplatform.exporter.core.metrics.ExportedMetric.WEBHOOK_ENDPOINT_READY;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.virtplatform.exporter.core.cluster.EventHandlers;
import io.virtplatform.exporter.core.cluster.TrackedInformer;
import io.virtplatform.exporter.core.cluster.WatchedResource;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.diagnostics.Diagnostic;
import io.virtplatform.exporter.core.diagnostics.DiagnosticContext;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookConfiguration.ServiceTarget;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookConfiguration.Webhook;
import io.virtplatform.exporter.core.metrics.MetricStore;
import io.virtplatform.exporter.core.metrics.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission webhooks of the platform that the API server cannot call (CDI and OpenKruise
 * troubleshooting documents): per webhook, whether its Service has a ready endpoint, its failure
 * policy, and when the CA in its {@code caBundle} expires.
 *
 * <p>Webhook configurations are few, so all of them are watched and the platform's are picked at
 * render time; a changed selection then needs no relist. Services and EndpointSlices are watched
 * only in the namespaces the platform's webhooks call into ({@link ServiceWatches}). Every change
 * re-renders all platform webhooks, a few dozen series at most, and drops the series of
 * configurations that are gone or no longer selected.
 */
public final class WebhookDiagnostic implements Diagnostic {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDiagnostic.class);

  static final WatchedResource VALIDATING_CONFIGURATIONS =
      new WatchedResource("admissionregistration.k8s.io", "validatingwebhookconfigurations");
  static final WatchedResource MUTATING_CONFIGURATIONS =
      new WatchedResource("admissionregistration.k8s.io", "mutatingwebhookconfigurations");

  /** What this check lists and watches; the deploy ClusterRole must grant it. */
  public static final List<WatchedResource> WATCHES = List.of(VALIDATING_CONFIGURATIONS,
      MUTATING_CONFIGURATIONS, ServiceWatches.SERVICES, ServiceWatches.ENDPOINT_SLICES);

  private final MetricStore store;
  private final ServiceWatches services = new ServiceWatches(this::render);
  private final AtomicBoolean namespacesStale = new AtomicBoolean(true);
  /** Expiry per caBundle text, so each bundle is parsed, and a broken one logged, once. */
  private final Map<String, Optional<Instant>> caExpiries = new HashMap<>();
  private final List<TrackedInformer> configurationInformers = new ArrayList<>();
  private DiagnosticContext context;
  private SharedIndexInformer<ValidatingWebhookConfiguration> validating;
  private SharedIndexInformer<MutatingWebhookConfiguration> mutating;
  private volatile WebhookSelection selection;

  public WebhookDiagnostic(MetricStore store) {
    this.store = store;
  }

  @Override
  public List<WatchedResource> watchedResources() {
    return WATCHES;
  }

  @Override
  public void start(DiagnosticContext context) {
    this.context = context;
    var admission = context.client().admissionRegistration().v1();
    validating = admission.validatingWebhookConfigurations().runnableInformer(0);
    mutating = admission.mutatingWebhookConfigurations().runnableInformer(0);
    configurationInformers.add(context.informers().start(VALIDATING_CONFIGURATIONS, "",
        validating, EventHandlers.onAny(this::configurationsChanged), this::render));
    configurationInformers.add(context.informers().start(MUTATING_CONFIGURATIONS, "",
        mutating, EventHandlers.onAny(this::configurationsChanged), this::render));
  }

  @Override
  public void apply(ExporterConfig config) {
    selection = new WebhookSelection(config.diagnostics().webhooks());
    namespacesStale.set(true);
    tick();
    render();
  }

  /** Starts and stops the Service watches here, on the cluster view's thread. */
  @Override
  public void tick() {
    if (selection != null && namespacesStale.getAndSet(false)) {
      services.follow(platformConfigurations()
          .flatMap(c -> c.webhooks().stream())
          .flatMap(w -> w.service().stream())
          .map(ServiceTarget::namespace)
          .collect(Collectors.toSet()), context);
    }
  }

  @Override
  public void close() {
    if (context == null) {
      return; // never started, so nothing runs and nothing was rendered
    }
    configurationInformers.forEach(context.informers()::stop);
    services.stopAll(context);
    store.retainOwners(WEBHOOK_ENDPOINT_READY, Set.of());
    store.retainOwners(WEBHOOK_CA_EXPIRY_TIMESTAMP_SECONDS, Set.of());
  }

  private void configurationsChanged() {
    namespacesStale.set(true);
    render();
  }

  private Stream<WebhookConfiguration> platformConfigurations() {
    WebhookSelection current = selection;
    return Stream.concat(
            validating.getStore().list().stream().map(WebhookConfiguration::of),
            mutating.getStore().list().stream().map(WebhookConfiguration::of))
        .filter(current::selects);
  }

  private synchronized void render() {
    if (selection == null) {
      return;
    }
    Set<String> owners = new HashSet<>();
    Set<String> bundles = new HashSet<>();
    platformConfigurations().forEach(configuration -> {
      String owner = configuration.type().label() + "/" + configuration.name();
      owners.add(owner);
      List<Sample> ready = new ArrayList<>();
      List<Sample> expiries = new ArrayList<>();
      for (Webhook webhook : configuration.webhooks()) {
        String type = configuration.type().label();
        webhook.service().ifPresent(target -> services.ready(target).ifPresent(isReady ->
            ready.add(Sample.of(isReady ? 1 : 0, configuration.name(), webhook.name(), type,
                target.namespace(), target.name(), webhook.failurePolicy()))));
        if (!webhook.caBundle().isBlank()) {
          bundles.add(webhook.caBundle());
          caExpiry(configuration, webhook).ifPresent(expiry -> expiries.add(
              Sample.of(expiry.getEpochSecond(), configuration.name(), webhook.name(), type)));
        }
      }
      store.put(WEBHOOK_ENDPOINT_READY, owner, ready);
      store.put(WEBHOOK_CA_EXPIRY_TIMESTAMP_SECONDS, owner, expiries);
    });
    store.retainOwners(WEBHOOK_ENDPOINT_READY, owners);
    store.retainOwners(WEBHOOK_CA_EXPIRY_TIMESTAMP_SECONDS, owners);
    caExpiries.keySet().retainAll(bundles);
  }

  private Optional<Instant> caExpiry(WebhookConfiguration configuration, Webhook webhook) {
    return caExpiries.computeIfAbsent(webhook.caBundle(), bundle -> {
      try {
        return Optional.of(CaBundle.earliestExpiry(bundle));
      } catch (IllegalArgumentException e) {
        LOG.warn("The caBundle of {} webhook {} in {} cannot be read, so its CA expiry is not"
                + " reported: {}", configuration.type().label(), webhook.name(),
            configuration.name(), e.getMessage());
        return Optional.empty();
      }
    });
  }
}
