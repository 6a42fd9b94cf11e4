package io.virtplatform.exporter.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.virtplatform.exporter.core.text.ControlCharacters;

/**
 * The formatted message with its control characters and line breaks escaped, so that a value from
 * the cluster (an object name, an annotation, an error body) cannot start a line that reads as
 * another log event.
 */
final class OneLineMessageConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return ControlCharacters.escape(event.getFormattedMessage());
  }
}
