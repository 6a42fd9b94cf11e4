package io.virtplatform.exporter.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.OutputStream;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures logging for the whole process from the command line, in code rather than in a
 * logback.xml, so that one flag switches every logger: the exporter's own (SLF4J), the Kubernetes
 * client's (SLF4J), Undertow's and XNIO's (jboss-logging, told to use SLF4J), and those of Vert.x
 * and the demo's mock server (java.util.logging, bridged to SLF4J).
 */
public final class LogSetup {

  /** Not a standard pattern word: a message with its line breaks escaped. */
  private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread]"
      + " %logger - %oneLineMessage%n%indentedThrowable";

  private LogSetup() {}

  /** Replaces any earlier configuration; events go to {@code out}, one per line. */
  public static void configure(LogFormat format, LogLevel level, OutputStream out) {
    // Before Undertow first asks jboss-logging for a logger; without it, jboss-logging picks the
    // first framework it finds on the class path.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    // Sets the java.util.logging levels to match, so that JUL does not build records only for
    // the bridge to drop them.
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    propagator.start();
    context.addListener(propagator);

    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("out");
    appender.setEncoder(format == LogFormat.JSON ? json(context) : text(context));
    appender.setOutputStream(out);
    appender.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level.level());
    root.addAppender(appender);
    // The client warns about every beta API it touches; the platform's CRDs are beta on purpose.
    context.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils")
        .setLevel(ch.qos.logback.classic.Level.ERROR);

    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("oneLineMessage", OneLineMessageConverter::new);
    layout.getInstanceConverterMap().put("indentedThrowable", IndentedThrowableConverter::new);
    layout.setPattern(TEXT_PATTERN);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  /**
   * Fields: {@code timestamp} (Unix milliseconds), {@code level}, {@code threadName},
   * {@code loggerName}, {@code mdc}, {@code formattedMessage}, {@code throwable} ({@code null}
   * without one) and {@code kvpList} when the event has key-value pairs. The raw message pattern and its arguments are left out: the
   * formatted message says the same once.
   */
  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
