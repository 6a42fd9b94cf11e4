package io.virtplatform.bundle;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations such as {@code 15m} or {@code 1h30m}, and how runbooks spell them. */
final class ForDuration {

  private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w|y))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

  private ForDuration() {}

  static Duration parse(String text) {
    if (text == null || !DURATION.matcher(text).matches()) {
      throw new IllegalArgumentException("not a Prometheus duration: '" + text + "'");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        case "w" -> Duration.ofDays(7 * n);
        default -> Duration.ofDays(365 * n);
      });
    }
    return total;
  }

  /** "for 15 minutes", "for 1 minute", "for 2 hours": the largest unit that divides evenly. */
  static String phrase(Duration d) {
    long seconds = d.toSeconds();
    if (seconds <= 0 || !d.equals(Duration.ofSeconds(seconds))) {
      throw new IllegalArgumentException("hold time must be a positive whole number of seconds: " + d);
    }
    if (seconds % 3600 == 0) {
      return count(seconds / 3600, "hour");
    }
    if (seconds % 60 == 0) {
      return count(seconds / 60, "minute");
    }
    return count(seconds, "second");
  }

  private static String count(long n, String unit) {
    return "for " + n + " " + unit + (n == 1 ? "" : "s");
  }
}
