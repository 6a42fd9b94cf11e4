package io.virtplatform.exporter.demo;

import io.virtplatform.exporter.testing.ServedApisDispatcher;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.cluster.KindPlurals;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import io.virtplatform.exporter.core.golden.GoldenState;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Fills the demo cluster: CRDs, namespaces, component workloads and live golden-state objects. */
final class DemoSeed {

  /** The one golden-state kind whose CRD the demo leaves out, to show a missing dependency. */
  static final GroupVersionKind MISSING_KIND =
      new GroupVersionKind("ssp.kubevirt.io", "v1beta2", "SSP");

  /** The one workload the demo leaves unready, to show an unhealthy component. */
  static final String UNHEALTHY_WORKLOAD = "cdi-uploadproxy";

  private static final Set<String> CLUSTER_SCOPED_KINDS = Set.of("CDI", "MigrationPolicy");
  private static final int DAEMONSET_NODES = 3;

  private final KubernetesClient client;

  DemoSeed(KubernetesClient client) {
    this.client = client;
  }

  void seed(ExporterConfig config, GoldenState golden) {
    Set<GroupVersionKind> crdKinds = new LinkedHashSet<>(config.dependencies());
    golden.kinds().stream()
        .filter(k -> !ServedApisDispatcher.servesBuiltIn(k.apiVersion(), k.kind()))
        .forEach(crdKinds::add);
    crdKinds.remove(MISSING_KIND);
    crdKinds.forEach(this::createCrd);

    Set<String> namespaces = new TreeSet<>();
    config.components().forEach(c -> namespaces.add(c.namespace()));
    golden.objects().forEach(o -> {
      if (!o.ref().namespace().isEmpty()) namespaces.add(o.ref().namespace());
    });
    namespaces.forEach(ns -> client.namespaces().resource(
        new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create());

    config.components().forEach(this::createWorkloads);
    createLiveObjects();
    new WebhookAndStorageSeed(client).seed(Instant.now());
    new LifecycleDemoSeed(client).seed();
    new OperatorDemoSeed(client).seed(Instant.now());
    DemoResources.createAll(client, "/demo/cluster/import-blockers.yaml", Map.of());
  }

  private void createCrd(GroupVersionKind gvk) {
    String plural = KindPlurals.of(gvk);
    client.apiextensions().v1().customResourceDefinitions().resource(
        new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName(plural + "." + gvk.group()).endMetadata()
            .withNewSpec()
            .withGroup(gvk.group())
            .withScope(CLUSTER_SCOPED_KINDS.contains(gvk.kind()) ? "Cluster" : "Namespaced")
            .withNewNames().withKind(gvk.kind()).withPlural(plural)
            .withSingular(gvk.kind().toLowerCase(Locale.ROOT)).endNames()
            .addNewVersion().withName(gvk.version()).withServed(true).withStorage(true)
            .endVersion()
            .endSpec().build())
        .createOr(existing -> existing.update());
  }

  private void createWorkloads(ComponentSpec component) {
    for (WorkloadSelector selector : component.workloads()) {
      String name = selector.name() != null
          ? selector.name() : selector.matchLabels().values().iterator().next();
      Map<String, String> labels = new HashMap<>(selector.matchLabels());
      labels.put("app.kubernetes.io/name", name);
      labels.put("app.kubernetes.io/part-of", component.name());
      ObjectMeta meta = new ObjectMetaBuilder().withName(name)
          .withNamespace(component.namespace()).withLabels(labels).build();
      PodTemplateSpec template = new PodTemplateSpecBuilder()
          .withNewMetadata().withLabels(labels).endMetadata()
          .withNewSpec().addNewContainer().withName(name).withImage(DemoImages.imageOf(name))
          .endContainer().endSpec().build();
      int ready = name.equals(UNHEALTHY_WORKLOAD) ? 0 : 1;
      // The mock gives each created object generation 1; a controller that has seen it says so.
      HasMetadata workload = switch (selector.kind()) {
        case DEPLOYMENT -> new DeploymentBuilder().withMetadata(meta)
            .withNewSpec().withReplicas(1).withTemplate(template).endSpec()
            .withNewStatus().withObservedGeneration(1L).withReplicas(1).withReadyReplicas(ready)
            .withUpdatedReplicas(1).withAvailableReplicas(ready).endStatus().build();
        case STATEFUL_SET -> new StatefulSetBuilder().withMetadata(meta)
            .withNewSpec().withReplicas(1).withTemplate(template).endSpec()
            .withNewStatus().withObservedGeneration(1L).withReplicas(1).withReadyReplicas(ready)
            .withUpdatedReplicas(1).endStatus().build();
        case DAEMON_SET -> new DaemonSetBuilder().withMetadata(meta)
            .withNewSpec().withTemplate(template).endSpec()
            .withNewStatus().withObservedGeneration(1L).withDesiredNumberScheduled(DAEMONSET_NODES)
            .withNumberReady(ready * DAEMONSET_NODES).withUpdatedNumberScheduled(DAEMONSET_NODES)
            .endStatus().build();
      };
      client.resource(workload).create();
    }
  }

  private void createLiveObjects() {
    try (InputStream in = DemoSeed.class.getResourceAsStream("/demo/cluster/live-objects.yaml")) {
      if (in == null) {
        throw new IllegalStateException("demo resource /demo/cluster/live-objects.yaml missing");
      }
      client.load(in).items().forEach(item -> client.resource(item).create());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
