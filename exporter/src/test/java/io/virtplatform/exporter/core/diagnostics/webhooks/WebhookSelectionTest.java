package io.virtplatform.exporter.core.diagnostics.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookConfiguration.Type;
import io.virtplatform.exporter.core.diagnostics.webhooks.WebhookConfiguration.Webhook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSelectionTest {

  private static final WebhookSelection DEFAULT = new WebhookSelection(WebhookSettings.DEFAULT);

  private static WebhookConfiguration configuration(String name, Map<String, String> labels,
      String... webhooks) {
    return new WebhookConfiguration(Type.VALIDATING, name, labels, List.of(webhooks).stream()
        .map(w -> new Webhook(w, Optional.empty(), "Fail", "")).toList());
  }

  @Test
  void theDefaultsFindKubeVirtAndCdiByWebhookNameAndKruiseByConfigurationName() {
    assertThat(DEFAULT.selects(configuration("virt-api-validator", Map.of(),
        "virtualmachine-validator.kubevirt.io"))).isTrue();
    assertThat(DEFAULT.selects(configuration("cdi-api-datavolume-mutate", Map.of(),
        "datavolume-mutate.cdi.kubevirt.io"))).isTrue();
    assertThat(DEFAULT.selects(configuration("kruise-validating-webhook-configuration",
        Map.of(), "vcloneset.kb.io"))).isTrue();
  }

  @Test
  void theDefaultsLeaveOtherWebhooksOut() {
    assertThat(DEFAULT.selects(configuration("gatekeeper-validating-webhook-configuration",
        Map.of(), "validation.gatekeeper.sh"))).isFalse();
    assertThat(DEFAULT.selects(configuration("kubevirt.io-lookalike", Map.of(),
        "check.kubevirt.io.example.com"))).as("the dot before kubevirt.io is literal").isFalse();
    assertThat(DEFAULT.selects(configuration("empty", Map.of()))).isFalse();
  }

  @Test
  void aLabelSelectorNeedsEveryOneOfItsPairs() {
    WebhookSelection byLabels = new WebhookSelection(new WebhookSettings(List.of(),
        List.of(Map.of("app.kubernetes.io/part-of", "openkruise", "tier", "webhook"))));

    assertThat(byLabels.selects(configuration("a", Map.of("app.kubernetes.io/part-of",
        "openkruise", "tier", "webhook", "extra", "x"), "mpod.kb.io"))).isTrue();
    assertThat(byLabels.selects(configuration("b", Map.of("app.kubernetes.io/part-of",
        "openkruise"), "mpod.kb.io"))).isFalse();
    assertThat(byLabels.selects(configuration("kruise-by-name", Map.of(), "mpod.kb.io")))
        .as("no name patterns configured").isFalse();
  }
}
