package io.virtplatform.bundle.deploy;

import static io.virtplatform.bundle.deploy.YamlMaps.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chain from Prometheus to the exporter holds together: the ServiceMonitor selects the
 * Service, the Service the pod, the ports line up by name, the job label Prometheus derives is the
 * one the alert rules match, and the NetworkPolicy lets exactly that port in.
 */
class DeployMonitoringTest {

  private static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*=\\s*\"([^\"]*)\"");

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void serviceSelectsTheExporterPodAndTargetsItsMetricsPort(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    Service service = rendered.one(Service.class, "virt-platform-exporter");
    Map<String, String> podLabels = podLabels(rendered);
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    Set<String> containerPorts = new TreeSet<>(exporterContainer(rendered).getPorts().stream()
        .map(ContainerPort::getName).toList());
    assertThat(service.getSpec().getPorts()).allSatisfy(port ->
        assertThat(containerPorts).contains(port.getTargetPort().getStrVal()));
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void serviceMonitorScrapesTheServiceKeepingTheExportersLabels(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    Service service = rendered.one(Service.class, "virt-platform-exporter");
    Map<String, Object> spec = spec(rendered.generic("ServiceMonitor"));

    assertThat(service.getMetadata().getLabels())
        .containsAllEntriesOf(stringMap(map(spec.get("selector")).get("matchLabels")));
    assertThat(spec).doesNotContainKey("namespaceSelector"); // the ServiceMonitor's own namespace
    List<?> endpoints = (List<?>) spec.get("endpoints");
    assertThat(endpoints).hasSize(1);
    Map<String, Object> endpoint = map(endpoints.get(0));
    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
        .contains((String) endpoint.get("port"));
    assertThat(endpoint.get("path")).isEqualTo("/metrics");
    assertThat(endpoint.get("honorLabels"))
        .as("honorLabels: the namespace label is the object's, not the exporter's")
        .isEqualTo(true);
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void prometheusDerivesTheJobTheAlertRulesMatch(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    String job = prometheusJob(rendered);
    Set<String> jobsInRules = new TreeSet<>();
    for (Object group : (List<?>) spec(rendered.generic("PrometheusRule")).get("groups")) {
      for (Object rule : (List<?>) map(group).get("rules")) {
        Matcher m = JOB_MATCHER.matcher(String.valueOf(map(rule).get("expr")));
        while (m.find()) {
          jobsInRules.add(m.group(1));
        }
      }
    }
    assertThat(jobsInRules).as("job matchers in the alert rules").isNotEmpty();
    assertThat(jobsInRules).as("job matchers in the alert rules").containsOnly(job);
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void networkPolicyAdmitsOnlyTheMetricsPortOfTheExporter(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    NetworkPolicy policy = rendered.one(NetworkPolicy.class, "virt-platform-exporter");
    assertThat(podLabels(rendered))
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress()).isNotEmpty();
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      assertThat(rule.getFrom()).as("an ingress rule without 'from' admits everyone").isNotEmpty();
      assertThat(rule.getFrom()).allSatisfy(peer -> assertThat(peer.getIpBlock()).isNull());
      assertThat(rule.getPorts()).hasSize(1);
      assertThat(rule.getPorts().get(0).getPort().getStrVal()).isEqualTo("https-metrics");
    }
  }

  /**
   * As the Prometheus Operator does it: the value of the Service label named by jobLabel, else
   * the Service's name.
   */
  private static String prometheusJob(RenderedManifests rendered) {
    Service service = rendered.one(Service.class, "virt-platform-exporter");
    Object jobLabel = spec(rendered.generic("ServiceMonitor")).get("jobLabel");
    String fromLabel = jobLabel == null ? null : service.getMetadata().getLabels().get(jobLabel);
    return fromLabel == null || fromLabel.isEmpty() ? service.getMetadata().getName() : fromLabel;
  }

  private static Container exporterContainer(RenderedManifests rendered) {
    return ExporterPodFiles.exporterContainer(
        rendered.exporterDeployment().getSpec().getTemplate().getSpec());
  }

  private static Map<String, String> podLabels(RenderedManifests rendered) {
    return rendered.exporterDeployment().getSpec().getTemplate().getMetadata().getLabels();
  }

  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return map(resource.getAdditionalProperties().get("spec"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stringMap(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, String>) value;
  }
}
