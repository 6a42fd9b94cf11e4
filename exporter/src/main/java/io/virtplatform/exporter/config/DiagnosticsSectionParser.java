package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.NodeReader.Fields;
import io.virtplatform.exporter.core.config.CompatibilityRule;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.DataVolumeSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.LifecycleSettings;
import io.virtplatform.exporter.core.config.DiagnosticsSettings.WebhookSettings;
import io.virtplatform.exporter.core.config.OperatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the optional {@code diagnostics} section. Every key left out keeps its default from
 * {@link DiagnosticsSettings#DEFAULT}; an empty list given explicitly stays empty.
 */
final class DiagnosticsSectionParser {

  private static final String SECTION = "diagnostics";

  private final NodeReader reader;

  DiagnosticsSectionParser(NodeReader reader) {
    this.reader = reader;
  }

  DiagnosticsSettings parse(Node section) {
    Optional<Fields> fields =
        reader.mapping(section, SECTION, List.of("webhooks", "dataVolumes", "lifecycle", "operators",
            "compatibility"));
    return new DiagnosticsSettings(
        fields.flatMap(f -> f.optional("webhooks")).map(this::webhooks)
            .orElse(WebhookSettings.DEFAULT),
        fields.flatMap(f -> f.optional("dataVolumes")).map(this::dataVolumes)
            .orElse(DataVolumeSettings.DEFAULT),
        fields.flatMap(f -> f.optional("lifecycle")).map(this::lifecycle)
            .orElse(LifecycleSettings.DEFAULT),
        fields.flatMap(f -> f.optional("operators"))
            .map(n -> new OperatorsSectionParser(reader).parse(n))
            .orElse(OperatorSettings.DEFAULT),
        fields.flatMap(f -> f.optional("compatibility"))
            .map(n -> new CompatibilitySectionParser(reader).parse(n))
            .orElse(CompatibilityRule.DEFAULT));
  }

  private WebhookSettings webhooks(Node node) {
    String path = SECTION + ".webhooks";
    Optional<Fields> fields = reader.mapping(node, path, List.of("namePatterns", "labelSelectors"));
    List<String> patterns = fields.flatMap(f -> f.optional("namePatterns"))
        .map(n -> each(n, path + ".namePatterns", reader::string))
        .orElse(WebhookSettings.DEFAULT.namePatterns());
    List<Map<String, String>> selectors = fields.flatMap(f -> f.optional("labelSelectors"))
        .map(n -> each(n, path + ".labelSelectors", reader::nonEmptyStringMap))
        .orElse(WebhookSettings.DEFAULT.labelSelectors());
    return new WebhookSettings(patterns, selectors);
  }

  private DataVolumeSettings dataVolumes(Node node) {
    String path = SECTION + ".dataVolumes";
    Optional<Fields> fields = reader.mapping(node, path, List.of("stuckAfter"));
    return new DataVolumeSettings(
        duration(fields, "stuckAfter", DataVolumeSettings.DEFAULT.stuckAfter(),
            DataVolumeSettings.MAX_STUCK_AFTER));
  }

  private LifecycleSettings lifecycle(Node node) {
    String path = SECTION + ".lifecycle";
    Optional<Fields> fields = reader.mapping(node, path, List.of("kinds", "terminatingAfter"));
    return new LifecycleSettings(
        fields.flatMap(f -> f.optional("kinds"))
            .map(n -> new ApiKindList(reader).read(n, path + ".kinds", "kind"))
            .orElse(LifecycleSettings.DEFAULT.kinds()),
        duration(fields, "terminatingAfter", LifecycleSettings.DEFAULT.terminatingAfter(),
            LifecycleSettings.MAX_TERMINATING_AFTER));
  }

  private Duration duration(
      Optional<Fields> fields, String key, Duration fallback, Duration max) {
    return fields.flatMap(f -> f.optional(key).flatMap(n -> reader.duration(n, f.pathOf(key), max)))
        .orElse(fallback);
  }

  /** The valid items of a list; invalid ones are reported and left out. */
  private <T> List<T> each(Node node, String path,
      BiFunction<Node, String, Optional<T>> readItem) {
    List<T> items = new ArrayList<>();
    List<Node> entries = reader.list(node, path).orElse(List.of());
    for (int i = 0; i < entries.size(); i++) {
      readItem.apply(entries.get(i), path + "[" + i + "]").ifPresent(items::add);
    }
    return items;
  }
}
