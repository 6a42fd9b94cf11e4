package io.virtplatform.exporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.config.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckConfigCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void summarizesAValidConfigAndExitsWithZero() {
    int exitCode = run("--config", Fixtures.config("valid/config.yaml").toString());

    assertThat(exitCode).isZero();
    assertThat(out).hasToString(
        "OK: 3 components, 2 dependencies, 4 golden-state objects in 2 directories"
            + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void checksTheBundledDefaultConfigWhenNoFileIsGiven() {
    int exitCode = run();

    assertThat(exitCode).isZero();
    assertThat(out).hasToString(
        "OK: 13 components, 11 dependencies, 0 golden-state objects in 0 directories"
            + System.lineSeparator());
  }

  @Test
  void printsEveryErrorAsFileLineMessageAndExitsWithOne() {
    Path golden = Fixtures.config("invalid-golden/golden");

    int exitCode = run("--config", Fixtures.config("invalid-golden/config.yaml").toString());

    assertThat(exitCode).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines())
        .hasSize(8)
        .contains(golden.resolve("b-missing.yaml") + ":7: missing kind",
            golden.resolve("e-second.yaml") + ":2: duplicate object Deployment kubevirt/virt-api"
                + " (first defined at " + golden.resolve("d-first.yaml") + ":1)")
        .last().isEqualTo("7 error(s) found");
  }

  @Test
  void failsOnAMissingConfigFile() {
    int exitCode = run("--config", "/nonexistent/config.yaml");

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString().lines()).first()
        .isEqualTo("/nonexistent/config.yaml:1: cannot read config file: no such file");
  }

  /** The configs check-config once passed although the exporter then misbehaved. */
  @Test
  void rejectsTheConfigsItOnceLetThrough(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), """
        goldenState:
        components:
        editWar: {window: 100000000000000h}
        diagnostics:
          webhooks:
            namePatterns: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]
        """);

    int exitCode = run("--config", config.toString());

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly(
        config + ":1: goldenState has no value; give it one or remove the key",
        config + ":2: components has no value; give it one or remove the key",
        config + ":3: editWar.window: 100000000000000h is longer than the maximum of 24h",
        "3 error(s) found");
  }

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new CheckConfigCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void validatesTheWebConfigWhenGiven(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Path web = dir.resolve("web.yaml");
    java.nio.file.Files.writeString(web, "tls_server_config:\n  cert_file: absent.crt\n"
        + "  key_file: absent.key\n");

    int exitCode = run("--web.config.file", web.toString());

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString().lines()).first().asString()
        .startsWith(web + ":2: tls_server_config: ").contains("absent.crt: no such file");
  }

  @Test
  void acceptsAGoodWebConfig(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Path web = dir.resolve("web.yaml");
    java.nio.file.Files.writeString(web, "http_server_config:\n  headers: {X-Test: a}\n");

    int exitCode = run("--web.config.file", web.toString());

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("OK: web config " + web);
  }
}
