package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.bundle.BundleFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PrometheusRule each variant applies holds the rule file's groups, unchanged but for the
 * runbook base URL a variant configures. deploy/generate.sh copies the rule file into
 * deploy/base/prometheusrule.yaml; this fails when the copy is stale.
 */
class DeployPrometheusRuleTest {

  private static final Path RULE_FILE =
      BundleFacts.repoRoot().resolve("alerts/virt-platform.rules.yaml");
  private static final String RUNBOOK_URL = "runbook_url";

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void groupsEqualTheRuleFileWithTheConfiguredRunbookBaseUrl(DeployVariant variant) {
    Object expected = withRunbookBaseUrl(ruleFileGroups(), runbookBaseUrl(variant));
    Object rendered = YamlMaps.map(
        variant.rendered().document("PrometheusRule").get("spec")).get("groups");
    assertThat(rendered)
        .as("spec.groups of the PrometheusRule of %s; after changing %s run deploy/generate.sh",
            variant, RULE_FILE.getFileName())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(value = DeployVariant.class, names = "CUSTOM_RUNBOOK_BASE_URL")
  void theExampleReallyMovesTheRunbookLinks(DeployVariant variant) {
    assertThat(runbookBaseUrl(variant)).isNotEqualTo(BundleFacts.defaultRunbookBaseUrl());
  }

  /** The base URL the variant sets through components/runbook-base-url, else the default. */
  private static String runbookBaseUrl(DeployVariant variant) {
    Path setting = variant.directory().resolve("runbook-base-url.yaml");
    if (!Files.exists(setting)) {
      return BundleFacts.defaultRunbookBaseUrl();
    }
    Map<String, Object> configMap = YamlMaps.map(YamlMaps.read(setting));
    return (String) YamlMaps.map(configMap.get("data")).get("baseUrl");
  }

  private static Object ruleFileGroups() {
    return YamlMaps.map(YamlMaps.read(RULE_FILE)).get("groups");
  }

  /** A deep copy of {@code node} with the default base of every runbook_url replaced. */
  private static Object withRunbookBaseUrl(Object node, String baseUrl) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(key, RUNBOOK_URL.equals(key) && value instanceof String url
          ? rebase(url, baseUrl)
          : withRunbookBaseUrl(value, baseUrl)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(withRunbookBaseUrl(item, baseUrl)));
      return copy;
    }
    return node;
  }

  private static String rebase(String url, String baseUrl) {
    String defaultBase = BundleFacts.defaultRunbookBaseUrl();
    assertThat(url).as("runbook_url in the rule file").startsWith(defaultBase);
    return baseUrl + url.substring(defaultBase.length());
  }
}
