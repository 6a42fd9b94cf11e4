package io.virtplatform.exporter.core.diagnostics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {

  private static final Service CDI_API = service("ClusterIP", "https", 443);

  static Service service(String type, String portName, int port) {
    return new ServiceBuilder().withNewMetadata().withName("cdi-api").withNamespace("cdi")
        .endMetadata().withNewSpec().withType(type)
        .addNewPort().withName(portName).withPort(port).endPort().endSpec().build();
  }

  /** {@code ready} null leaves the condition unset. */
  static EndpointSlice slice(String portName, Boolean... ready) {
    EndpointSliceBuilder slice = new EndpointSliceBuilder()
        .withNewMetadata().withName("cdi-api-x1").withNamespace("cdi")
        .addToLabels(ServiceEndpoints.SERVICE_NAME_LABEL, "cdi-api").endMetadata()
        .withAddressType("IPv4").addNewPort().withName(portName).withPort(8443).endPort();
    for (int i = 0; i < ready.length; i++) {
      slice.addNewEndpoint().withAddresses("10.0.0." + i)
          .withNewConditions().withReady(ready[i]).endConditions().endEndpoint();
    }
    return slice.build();
  }

  @Test
  void readyWithOneReadyEndpointOnTheWebhooksPort() {
    assertThat(ServiceEndpoints.ready(CDI_API, List.of(slice("https", false, true)), 443))
        .contains(true);
  }

  @Test
  void anUnsetReadyConditionMeansReady() {
    assertThat(ServiceEndpoints.ready(CDI_API, List.of(slice("https", (Boolean) null)), 443))
        .contains(true);
  }

  @Test
  void notReadyWithoutAReadyEndpoint() {
    assertThat(ServiceEndpoints.ready(CDI_API, List.of(slice("https", false, false)), 443))
        .contains(false);
    assertThat(ServiceEndpoints.ready(CDI_API, List.of(slice("https")), 443)).contains(false);
    assertThat(ServiceEndpoints.ready(CDI_API, List.of(), 443)).contains(false);
  }

  @Test
  void notReadyWhenTheServiceIsMissingOrLacksThePort() {
    assertThat(ServiceEndpoints.ready(null, List.of(slice("https", true)), 443)).contains(false);
    assertThat(ServiceEndpoints.ready(CDI_API, List.of(slice("https", true)), 9443))
        .contains(false);
    assertThat(ServiceEndpoints.ready(CDI_API, List.of(slice("metrics", true)), 443))
        .as("ready endpoints only for another port of the Service").contains(false);
  }

  @Test
  void anExternalNameServiceCannotBeJudged() {
    assertThat(ServiceEndpoints.ready(service("ExternalName", "https", 443), List.of(), 443))
        .isEmpty();
  }
}
