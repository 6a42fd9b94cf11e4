package io.virtplatform.benchmarks.scale;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a mock API server with N managed ConfigMaps (and writes their golden state) plus a
 * platform around them: per two managed objects one VM with its VMI, virt-launcher pod, PVC and
 * DataVolume, so 2.5 platform objects per managed one, the mix of the measurement in issue 12
 * (10k managed + 25k platform objects).
 */
final class PlatformPopulation {

  static final int NAMESPACES = 100;
  /** The data key the update benchmark flips to make an object drift and back. */
  static final String FLIPPED_KEY = "mode";
  static final String GOLDEN_VALUE = "standard";
  static final String DRIFTED_VALUE = "drifted";
  private static final int PARALLEL_WRITERS = 8;
  private static final int OBJECTS_PER_GOLDEN_FILE = 1_000;

  private final KubernetesClient client;
  private final int managed;

  PlatformPopulation(KubernetesClient client, int managed) {
    this.client = client;
    this.managed = managed;
  }

  /** VMs, VMIs, launcher pods, PVCs and DataVolumes created for {@code managed} objects. */
  static int platformObjects(int managed) {
    return 5 * (managed / 2);
  }

  /** Objects of the kinds the exporter lists and watches (launcher pods are filtered out by the API server). */
  static int watchedObjects(int managed) {
    return managed + 4 * (managed / 2) + NAMESPACES;
  }

  void createCrds(List<GroupVersionKind> kinds) {
    for (GroupVersionKind gvk : kinds) {
      if (gvk.group().isEmpty() || gvk.group().endsWith(".k8s.io") || !gvk.group().contains(".")) {
        continue; // built in
      }
      String plural = plural(gvk.kind());
      client.apiextensions().v1().customResourceDefinitions().resource(
          new CustomResourceDefinitionBuilder()
              .withNewMetadata().withName(plural + "." + gvk.group()).endMetadata()
              .withNewSpec().withGroup(gvk.group())
              .withScope(gvk.kind().equals("CDI") ? "Cluster" : "Namespaced")
              .withNewNames().withKind(gvk.kind()).withPlural(plural)
              .withSingular(gvk.kind().toLowerCase(Locale.ROOT)).endNames()
              .addNewVersion().withName(gvk.version()).withServed(true).withStorage(true)
              .endVersion().endSpec().build())
          .createOr(existing -> existing.update());
    }
  }

  /** Creates every object, several at a time, and writes the golden state into the folder. */
  void populate(Path goldenDirectory) throws InterruptedException {
    for (int ns = 0; ns < NAMESPACES; ns++) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(ScrapeComparison.namespace(ns)).endMetadata().build()).create();
    }
    writeGoldenState(goldenDirectory);
    ExecutorService writers = Executors.newFixedThreadPool(PARALLEL_WRITERS);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < managed; i++) {
        int index = i;
        created.add(writers.submit(() -> {
          client.resource(configMap(index, true)).create();
          if (index % 2 == 0) {
            createVirtualMachineStack(index / 2);
          }
        }));
      }
      for (Future<?> future : created) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("populating the mock API server failed", e.getCause());
    } finally {
      writers.shutdownNow();
    }
  }

  /** The managed ConfigMap: its golden form, or the live one with what a cluster adds. */
  static ConfigMap configMap(int i, boolean live) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(FLIPPED_KEY, GOLDEN_VALUE);
    data.put("migrations.parallelMigrationsPerCluster", "5");
    data.put("migrations.parallelOutboundMigrationsPerNode", "2");
    data.put("migrations.bandwidthPerMigration", "64Mi");
    data.put("migrations.completionTimeoutPerGiB", "800");
    data.put("migrations.progressTimeout", "150");
    data.put("scheduling.cpuAllocationRatio", "10");
    data.put("scheduling.memoryOvercommitPercent", "150");
    data.put("network.defaultInterface", "masquerade");
    data.put("storage.defaultAccessMode", "ReadWriteMany");
    data.put("storage.defaultVolumeMode", "Block");
    data.put("tenant.owner", "team-" + (i % 37));
    ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata()
        .withName(ScrapeComparison.name(i)).withNamespace(ScrapeComparison.namespace(i))
        .addToLabels("app.kubernetes.io/part-of", "virt-platform")
        .addToLabels("app.kubernetes.io/component", "tenant-tuning")
        .endMetadata().withData(data);
    if (live) {
      // What a real API server adds: the managedFields of the autopilot's server-side apply,
      // which the exporter keeps to name who wrote a drifted field (the mock adds none).
      Map<String, Object> fields = new LinkedHashMap<>();
      data.keySet().forEach(key -> fields.put("f:" + key, Map.of()));
      builder.editMetadata()
          .addToAnnotations("platform.kubevirt.io/last-applied-by", "virt-platform-autopilot")
          .addToLabels("app.kubernetes.io/managed-by", "virt-platform-autopilot")
          .addNewManagedField().withManager("virt-platform-autopilot").withOperation("Apply")
          .withApiVersion("v1").withFieldsType("FieldsV1").withTime("2026-11-30T12:00:00Z")
          .withNewFieldsV1().addToAdditionalProperties("f:data", fields)
          .addToAdditionalProperties("f:metadata", Map.of("f:labels", Map.of(
              "f:app.kubernetes.io/part-of", Map.of(), "f:app.kubernetes.io/component", Map.of(),
              "f:app.kubernetes.io/managed-by", Map.of())))
          .endFieldsV1().endManagedField()
          .endMetadata();
    }
    return builder.build();
  }

  private void writeGoldenState(Path directory) {
    try {
      Files.createDirectories(directory);
      StringBuilder file = new StringBuilder();
      for (int i = 0; i < managed; i++) {
        file.append("---\n").append(Serialization.asYaml(configMap(i, false))
            .replaceFirst("^---\n", ""));
        if ((i + 1) % OBJECTS_PER_GOLDEN_FILE == 0 || i == managed - 1) {
          Files.writeString(directory.resolve(
              String.format("configmaps-%04d.yaml", i / OBJECTS_PER_GOLDEN_FILE)), file);
          file.setLength(0);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void createVirtualMachineStack(int vm) {
    String namespace = ScrapeComparison.namespace(vm);
    String name = String.format("vm-%06d", vm);
    HasMetadata machine = client.resource(generic("kubevirt.io/v1", "VirtualMachine", namespace,
        name, Map.of("spec", Map.of("runStrategy", "Always", "template", Map.of("spec", Map.of(
            "domain", Map.of("cpu", Map.of("cores", 2), "memory", Map.of("guest", "4Gi"),
                "devices", Map.of("disks", List.of(Map.of("name", "root",
                    "disk", Map.of("bus", "virtio"))))),
            "volumes", List.of(Map.of("name", "root",
                "dataVolume", Map.of("name", name + "-root"))))))))).create();
    GenericKubernetesResource instance = generic("kubevirt.io/v1", "VirtualMachineInstance",
        namespace, name, Map.of("spec", Map.of("domain", Map.of("cpu", Map.of("cores", 2))),
            "status", Map.of("phase", "Running", "nodeName", "node-" + (vm % 20))));
    instance.getMetadata().setOwnerReferences(List.of(ownerReference(machine)));
    HasMetadata vmi = client.resource(instance).create();
    client.resource(new PodBuilder().withNewMetadata()
        .withName("virt-launcher-" + name + "-abcde").withNamespace(namespace)
        .addToLabels("kubevirt.io", "virt-launcher").addToLabels("vm.kubevirt.io/name", name)
        .withOwnerReferences(ownerReference(vmi)).endMetadata()
        .withNewSpec().addNewContainer().withName("compute")
        .withImage("quay.io/kubevirt/virt-launcher:v1.4.0").endContainer()
        .withNodeName("node-" + (vm % 20)).endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();
    client.resource(new PersistentVolumeClaimBuilder().withNewMetadata()
        .withName(name + "-root").withNamespace(namespace).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteMany").withVolumeMode("Block")
        .withStorageClassName("ceph-rbd").withNewResources()
        .addToRequests("storage", new Quantity("30Gi")).endResources().endSpec()
        .withNewStatus().withPhase("Bound").endStatus().build()).create();
    client.resource(generic("cdi.kubevirt.io/v1beta1", "DataVolume", namespace, name + "-root",
        Map.of("spec", Map.of("source", Map.of("registry",
                Map.of("url", "docker://quay.io/containerdisks/fedora:40")),
            "storage", Map.of("resources", Map.of("requests", Map.of("storage", "30Gi")))),
            "status", Map.of("phase", "Succeeded", "progress", "100.0%")))).create();
  }

  private static io.fabric8.kubernetes.api.model.OwnerReference ownerReference(HasMetadata owner) {
    return new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  private static GenericKubernetesResource generic(String apiVersion, String kind,
      String namespace, String name, Map<String, Object> fields) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(apiVersion);
    resource.setKind(kind);
    resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(name).withNamespace(namespace).build());
    resource.setAdditionalProperties(new LinkedHashMap<>(fields));
    return resource;
  }

  private static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("y")) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower.endsWith("s") ? lower + "es" : lower + "s";
  }
}
