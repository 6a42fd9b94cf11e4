package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exporter pod meets the restricted Pod Security Standard, holds only the token it needs,
 * sizes its heap from its memory limit and is probed on its own health endpoints.
 */
class DeploymentSecurityTest {

  private static final String METRICS_PORT = "https-metrics";

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void runsAsNonRootWithAReadOnlyRootFilesystemAndNoPrivileges(DeployVariant variant) {
    PodSpec pod = podOf(variant);
    Container container = ExporterPodFiles.exporterContainer(pod);
    SecurityContext security = container.getSecurityContext();
    assertThat(effective(pod, container, PodSecurityContext::getRunAsNonRoot,
        SecurityContext::getRunAsNonRoot)).as("runAsNonRoot").contains(true);
    assertThat(effective(pod, container, p -> p.getSeccompProfile() == null ? null
            : p.getSeccompProfile().getType(),
        c -> c.getSeccompProfile() == null ? null : c.getSeccompProfile().getType()))
        .as("seccomp profile").contains("RuntimeDefault");
    assertThat(security.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
    assertThat(security.getPrivileged()).as("privileged").isNotEqualTo(true);
    assertThat(security.getCapabilities().getDrop()).as("dropped capabilities")
        .containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).as("added capabilities").isNullOrEmpty();
    assertThat(pod.getHostNetwork()).isNotEqualTo(true);
    assertThat(pod.getHostPID()).isNotEqualTo(true);
    assertThat(pod.getVolumes()).as("volumes").allSatisfy(v ->
        assertThat(v.getHostPath()).as("hostPath volume %s", v.getName()).isNull());
  }

  @Test
  void theBaseNamespaceEnforcesTheRestrictedPodSecurityStandard() {
    Namespace namespace = DeployVariant.BASE.rendered()
        .one(Namespace.class, DeployVariant.BASE.namespace());
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }

  @ParameterizedTest
  @EnumSource(value = DeployVariant.class, names = "OPENSHIFT", mode = EnumSource.Mode.EXCLUDE)
  void upstreamRunsAsTheImagesNonRootUser(DeployVariant variant) {
    PodSecurityContext security = podOf(variant).getSecurityContext();
    assertThat(security.getRunAsUser()).as("runAsUser").isPositive();
    assertThat(security.getRunAsGroup()).as("runAsGroup").isPositive();
  }

  @ParameterizedTest
  @EnumSource(value = DeployVariant.class, names = "OPENSHIFT")
  void openShiftLeavesTheUserToTheSecurityContextConstraints(DeployVariant variant) {
    PodSpec pod = podOf(variant);
    SecurityContext container = ExporterPodFiles.exporterContainer(pod).getSecurityContext();
    assertThat(pod.getSecurityContext().getRunAsUser()).as("pod runAsUser").isNull();
    assertThat(pod.getSecurityContext().getRunAsGroup()).as("pod runAsGroup").isNull();
    assertThat(container.getRunAsUser()).as("container runAsUser").isNull();
    assertThat(pod.getSecurityContext().getFsGroup()).as("fsGroup").isNull();
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void onlyTheExportersPodGetsAServiceAccountToken(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    PodSpec pod = podOf(variant);
    ServiceAccount account = rendered.one(ServiceAccount.class, pod.getServiceAccountName());
    assertThat(account.getAutomountServiceAccountToken()).as("ServiceAccount automount").isFalse();
    assertThat(pod.getAutomountServiceAccountToken()).as("pod automount").isTrue();
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void hasRequestsAndLimitsAndSizesTheHeapFromTheMemoryLimit(DeployVariant variant) {
    Container container = ExporterPodFiles.exporterContainer(podOf(variant));
    var resources = container.getResources();
    assertThat(resources.getRequests()).containsKeys("cpu", "memory");
    assertThat(resources.getLimits()).containsKeys("cpu", "memory");
    assertThat(Quantity.getAmountInBytes(resources.getLimits().get("memory")))
        .as("memory limit").isGreaterThanOrEqualTo(
            Quantity.getAmountInBytes(resources.getRequests().get("memory")));
    String javaOptions = container.getEnv().stream()
        .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse("");
    assertThat(javaOptions).as("JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=");
    assertThat(javaOptions).as("JAVA_TOOL_OPTIONS").doesNotContain("-Xmx");
    // Measured by benchmarks/run.sh --cold-start (docs/performance.md#cold-start-as-deployed).
    assertThat(javaOptions).as("JAVA_TOOL_OPTIONS")
        .contains("-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1");
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void probesTheExportersHealthEndpointsOnTheMetricsPort(DeployVariant variant) {
    Container container = ExporterPodFiles.exporterContainer(podOf(variant));
    assertThat(container.getPorts()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo(METRICS_PORT);
      assertThat(p.getContainerPort()).isEqualTo(8080);
    });
    assertProbe(container.getLivenessProbe(), "/healthz");
    assertProbe(container.getStartupProbe(), "/healthz");
    assertProbe(container.getReadinessProbe(), "/readyz");
    assertThat(container.getArgs()).as("args").contains("--listen=:8080");
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void mountsConfigReadOnlyAndAWritableTmp(DeployVariant variant) {
    PodSpec pod = podOf(variant);
    for (VolumeMount mount : ExporterPodFiles.exporterContainer(pod).getVolumeMounts()) {
      Volume volume = pod.getVolumes().stream()
          .filter(v -> v.getName().equals(mount.getName()))
          .findFirst()
          .orElseThrow();
      if (volume.getConfigMap() != null) {
        assertThat(mount.getReadOnly()).as("%s read-only", mount.getMountPath()).isTrue();
        assertThat(variant.rendered().configMap(volume.getConfigMap().getName()).getData())
            .as("files of ConfigMap %s", volume.getConfigMap().getName()).isNotEmpty();
      }
    }
    assertThat(ExporterPodFiles.exporterContainer(pod).getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/tmp");
      assertThat(pod.getVolumes()).anySatisfy(v -> {
        assertThat(v.getName()).isEqualTo(m.getName());
        assertThat(v.getEmptyDir()).isNotNull();
        assertThat(v.getEmptyDir().getSizeLimit()).isNotNull();
      });
    });
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as("probe on %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(METRICS_PORT);
  }

  /** A container setting wins over the pod's, as in Kubernetes. */
  private static <T> Optional<T> effective(PodSpec pod, Container container,
      Function<PodSecurityContext, T> ofPod, Function<SecurityContext, T> ofContainer) {
    T own = container.getSecurityContext() == null
        ? null : ofContainer.apply(container.getSecurityContext());
    if (own != null) {
      return Optional.of(own);
    }
    return Optional.ofNullable(pod.getSecurityContext())
        .map(ofPod);
  }

  private static PodSpec podOf(DeployVariant variant) {
    return variant.rendered().exporterDeployment().getSpec().getTemplate().getSpec();
  }
}
