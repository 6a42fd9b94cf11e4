package io.virtplatform.exporter.core.diagnostics.webhooks;

import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import java.util.List;
import java.util.Map;

/** Decides which webhook configurations belong to the platform, per {@link WebhookSettings}. */
final class WebhookSelection {

  private final List<Glob> namePatterns;
  private final List<Map<String, String>> labelSelectors;

  WebhookSelection(WebhookSettings settings) {
    this.namePatterns = settings.namePatterns().stream().map(Glob::compile).toList();
    this.labelSelectors = settings.labelSelectors();
  }

  boolean selects(WebhookConfiguration configuration) {
    return matchesName(configuration.name())
        || configuration.webhooks().stream().anyMatch(w -> matchesName(w.name()))
        || labelSelectors.stream()
            .anyMatch(s -> configuration.labels().entrySet().containsAll(s.entrySet()));
  }

  private boolean matchesName(String name) {
    return namePatterns.stream().anyMatch(p -> p.matches(name));
  }
}
