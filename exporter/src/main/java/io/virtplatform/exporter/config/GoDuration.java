package io.virtplatform.exporter.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Kubernetes and Prometheus users know them from Go: {@code 30s},
 * {@code 10m}, {@code 1h30m}, {@code 500ms}. Fractions and the micro/nanosecond units of Go are
 * left out on purpose; nothing the exporter times needs them.
 */
final class GoDuration {

  static final String EXAMPLES = "30s, 10m, 1h30m";

  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|h|m|s))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|h|m|s)");

  private GoDuration() {}

  /** Empty when {@code text} is not a duration in this syntax. */
  static Optional<Duration> parse(String text) {
    if (!WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    try {
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total = total.plus(switch (part.group(2)) {
          case "h" -> Duration.ofHours(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "s" -> Duration.ofSeconds(amount);
          default -> Duration.ofMillis(amount);
        });
      }
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      return Optional.empty();
    }
    return Optional.of(total);
  }

  /** {@code duration} in this syntax, largest units first: {@code 168h}, {@code 1h30m}. */
  static String format(Duration duration) {
    StringBuilder text = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) text.append(hours).append('h');
    if (minutes > 0) text.append(minutes).append('m');
    if (seconds > 0) text.append(seconds).append('s');
    if (millis > 0) text.append(millis).append("ms");
    return text.isEmpty() ? "0s" : text.toString();
  }
}
