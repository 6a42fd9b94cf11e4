package io.virtplatform.exporter.core.diagnostics.webhooks;

import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Decides which webhook configurations belong to the platform, per {@link WebhookSettings}. */
final class WebhookSelection {

  private final List<Pattern> namePatterns;
  private final List<Map<String, String>> labelSelectors;

  WebhookSelection(WebhookSettings settings) {
    this.namePatterns = settings.namePatterns().stream().map(WebhookSelection::glob).toList();
    this.labelSelectors = settings.labelSelectors();
  }

  boolean selects(WebhookConfiguration configuration) {
    return matchesName(configuration.name())
        || configuration.webhooks().stream().anyMatch(w -> matchesName(w.name()))
        || labelSelectors.stream()
            .anyMatch(s -> configuration.labels().entrySet().containsAll(s.entrySet()));
  }

  private boolean matchesName(String name) {
    return namePatterns.stream().anyMatch(p -> p.matcher(name).matches());
  }

  /** {@code *} matches any run of characters; everything else matches itself. */
  static Pattern glob(String glob) {
    return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
        .collect(Collectors.joining(".*")));
  }
}
