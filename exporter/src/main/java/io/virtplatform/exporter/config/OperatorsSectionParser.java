package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.NodeReader.Fields;
import io.virtplatform.exporter.core.config.OperatorSettings;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code diagnostics.operators}: {@code kinds}, the operator CRs to report, and
 * {@code upgradeStuckAfter}. A key left out keeps its default from {@link OperatorSettings#DEFAULT};
 * an empty {@code kinds} list turns the check off.
 */
final class OperatorsSectionParser {

  static final String PATH = "diagnostics.operators";

  private final NodeReader reader;

  OperatorsSectionParser(NodeReader reader) {
    this.reader = reader;
  }

  OperatorSettings parse(Node node) {
    Optional<Fields> fields = reader.mapping(node, PATH, List.of("kinds", "upgradeStuckAfter"));
    return new OperatorSettings(
        fields.flatMap(f -> f.optional("kinds"))
            .map(n -> new ApiKindList(reader).read(n, PATH + ".kinds", "operator kind"))
            .orElse(OperatorSettings.DEFAULT.kinds()),
        fields.flatMap(f -> f.optional("upgradeStuckAfter")
                .flatMap(n -> reader.duration(n, f.pathOf("upgradeStuckAfter"),
                    OperatorSettings.MAX_UPGRADE_STUCK_AFTER)))
            .orElse(OperatorSettings.DEFAULT.upgradeStuckAfter()));
  }
}
