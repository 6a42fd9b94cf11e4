package io.virtplatform.exporter.core.compliance;

/** A customization annotation that cannot be applied; the message tells the user why. */
final class InvalidCustomizationException extends Exception {

  InvalidCustomizationException(String message) {
    super(message);
  }
}
