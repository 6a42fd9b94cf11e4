package io.virtplatform.exporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** --log-format and --log-level configure logging before any command runs, check-config too. */
class LoggingOptionsTest {

  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void restore() throws Exception {
    System.setErr(originalErr);
    SLF4JBridgeHandler.uninstall();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private int run(String... args) {
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    CommandLine commandLine = Main.commandLine(new Main());
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }

  @Test
  void theOptionsSwitchTheFormatAndLevelOfEveryLogger() throws Exception {
    int exitCode = run("--log-format=JSON", "--log-level", "warn", "check-config");
    LoggerFactory.getLogger("x").info("below warn");
    LoggerFactory.getLogger("x").warn("two\nlines");

    assertThat(exitCode).isZero();
    String logged = err.toString(StandardCharsets.UTF_8);
    assertThat(logged.lines()).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(logged);
    assertThat(event.get("level").asText()).isEqualTo("WARN");
    assertThat(event.get("formattedMessage").asText()).isEqualTo("two\nlines");
  }

  @Test
  void theDefaultsAreTextAtInfo() {
    run("check-config");
    LoggerFactory.getLogger("x").debug("below info");
    LoggerFactory.getLogger("x").info("two\nlines");

    assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .contains(" INFO  ", " x - two\\nlines");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertThat(run("--log-format=xml", "check-config")).isEqualTo(CommandLine.ExitCode.USAGE);
  }
}
