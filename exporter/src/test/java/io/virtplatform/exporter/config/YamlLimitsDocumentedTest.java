package io.virtplatform.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The parser limits docs/configuration.md states are the ones YamlDocuments sets. */
class YamlLimitsDocumentedTest {

  @Test
  void theConfigurationReferenceStatesTheParserLimits() throws IOException {
    // Maven runs the tests in the module folder; the docs are one level up.
    String docs = Files.readString(Path.of("..", "docs", "configuration.md"))
        .replaceAll("\\s+", " ");

    assertThat(docs).contains(
        "at most " + String.format(Locale.ROOT, "%,d", YamlDocuments.MAX_CODE_POINTS)
            + " characters (" + YamlDocuments.MAX_CODE_POINTS / (1024 * 1024) + " MiB",
        "nested at most " + YamlDocuments.MAX_NESTING_DEPTH + " levels deep",
        "at most " + YamlDocuments.MAX_COLLECTION_ALIASES + " aliases to mappings or lists");
  }
}
