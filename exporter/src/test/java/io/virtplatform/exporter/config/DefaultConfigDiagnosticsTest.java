package io.virtplatform.exporter.config;

import static io.virtplatform.exporter.config.ConfigLoaderTest.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled default config shows the diagnostics defaults as a commented-out section, for users
 * to uncomment and edit; uncommented, it must load as exactly the defaults the code applies.
 */
class DefaultConfigDiagnosticsTest {

  @TempDir Path dir;

  @Test
  void theCommentedDiagnosticsSectionIsTheCodesDefault() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/" + ConfigLoader.DEFAULT_CONFIG_RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String section = text.substring(text.indexOf("# diagnostics:")).lines()
        .map(line -> line.startsWith("# ") ? line.substring(2) : line)
        .collect(Collectors.joining("\n"));
    Path file = Files.writeString(dir.resolve("config.yaml"), section + "\n");

    assertThat(loaded(new ConfigLoader().load(file)).config().diagnostics())
        .isEqualTo(DiagnosticsSettings.DEFAULT);
  }
}
