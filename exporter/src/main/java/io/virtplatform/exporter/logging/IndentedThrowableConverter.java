package io.virtplatform.exporter.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * A stack trace whose every line after the first starts with a tab. Exception messages can hold
 * text from the cluster; indented, none of their lines can pass for a new log event, which always
 * starts with its timestamp.
 */
final class IndentedThrowableConverter extends ThrowableProxyConverter {

  /** A line break that is followed by more text and not already by a tab. */
  private static final Pattern CONTINUATION =
      Pattern.compile("(\\r\\n|[\\r\\n\\u0085\\u2028\\u2029])(?=[^\\t])");

  @Override
  public String convert(ILoggingEvent event) {
    return CONTINUATION.matcher(super.convert(event)).replaceAll("$1\t");
  }
}
