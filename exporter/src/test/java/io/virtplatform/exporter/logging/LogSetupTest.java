package io.virtplatform.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

class LogSetupTest {

  /** A value from the cluster that tries to forge a second log line. */
  private static final String FORGED =
      "name\n2026-01-01T00:00:00.000Z ERROR [main] io.virtplatform.exporter - forged";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void restoreTheTestConfiguration() throws Exception {
    SLF4JBridgeHandler.uninstall();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void jsonWritesOneObjectPerEventFromSlf4jAndJavaUtilLogging() throws Exception {
    LogSetup.configure(LogFormat.JSON, LogLevel.INFO, out);

    LoggerFactory.getLogger("io.virtplatform.exporter.test").warn("object {} drifted", FORGED);
    LoggerFactory.getLogger("io.virtplatform.exporter.test").debug("below the level");
    java.util.logging.Logger.getLogger("io.vertx.test").warning("from java.util.logging");
    java.util.logging.Logger.getLogger("io.vertx.test").fine("below the level too");

    List<JsonNode> events = new ArrayList<>();
    for (String line : lines()) {
      events.add(new ObjectMapper().readTree(line));
    }
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("level").asText()).isEqualTo("WARN");
    assertThat(events.get(0).get("loggerName").asText()).isEqualTo("io.virtplatform.exporter.test");
    assertThat(events.get(0).get("formattedMessage").asText())
        .isEqualTo("object " + FORGED + " drifted");
    assertThat(events.get(0).get("timestamp").isNumber()).isTrue();
    assertThat(events.get(1).get("level").asText()).isEqualTo("WARN");
    assertThat(events.get(1).get("loggerName").asText()).isEqualTo("io.vertx.test");
    assertThat(events.get(1).get("formattedMessage").asText())
        .isEqualTo("from java.util.logging");
  }

  @Test
  void jbossLoggingOfUndertowAndXnioGoesThroughTheSameLogger() {
    LogSetup.configure(LogFormat.JSON, LogLevel.INFO, out);

    org.jboss.logging.Logger.getLogger("org.xnio.test").warn("from jboss-logging");

    assertThat(lines()).singleElement().asString()
        .contains("\"loggerName\":\"org.xnio.test\"", "from jboss-logging");
  }

  @Test
  void textEscapesLineBreaksInMessagesAndIndentsStackTraces() {
    LogSetup.configure(LogFormat.TEXT, LogLevel.INFO, out);

    LoggerFactory.getLogger("io.virtplatform.exporter.test").warn("object {} drifted", FORGED);
    LoggerFactory.getLogger("io.virtplatform.exporter.test")
        .error("list failed", new IllegalStateException(FORGED));

    List<String> lines = lines();
    assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ WARN  \\[\\S+\\]"
        + " io\\.virtplatform\\.exporter\\.test - object name\\\\n2026-01-01T00:00:00\\.000Z"
        + " ERROR \\[main\\] io\\.virtplatform\\.exporter - forged drifted");
    assertThat(lines.get(1)).contains(" ERROR ", " - list failed");
    assertThat(lines.get(2)).isEqualTo("java.lang.IllegalStateException: name");
    assertThat(lines.subList(3, lines.size())).isNotEmpty().allMatch(line -> line.startsWith("\t"));
    assertThat(lines.get(3)).isEqualTo("\t2026-01-01T00:00:00.000Z ERROR [main]"
        + " io.virtplatform.exporter - forged");
  }

  @Test
  void theLevelAppliesToEveryLogger() {
    LogSetup.configure(LogFormat.TEXT, LogLevel.ERROR, out);

    LoggerFactory.getLogger("a").warn("not logged");
    java.util.logging.Logger.getLogger("b").warning("not logged either");
    LoggerFactory.getLogger("a").error("logged");

    assertThat(lines()).singleElement().asString().endsWith(" a - logged");
  }
}
