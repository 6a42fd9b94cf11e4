package io.virtplatform.exporter.core.diff;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes resource quantities ({@code 500m}, {@code 1Gi}, {@code 1e3}, {@code 0.5}) to
 * their exact value. Strict on purpose, following the apimachinery grammar: a string that merely
 * contains digits ({@code v1.2}, {@code nginx:1.25}, {@code 10s}) is not a quantity.
 */
final class Quantities {

  private static final Pattern QUANTITY = Pattern.compile(
      "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\\d+))?");

  private static final Map<String, BigDecimal> SUFFIX_FACTORS = Map.ofEntries(
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
      Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
      Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
      Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
      Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
      Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
      Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
      Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
      Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
      Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
      Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

  private Quantities() {}

  /** A parsed quantity: its exact value, and whether it was written with a suffix or exponent. */
  record Quantity(BigDecimal value, boolean hasUnit) {}

  static Optional<Quantity> parse(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      return Optional.of(new Quantity(number.multiply(SUFFIX_FACTORS.get(m.group(2))), true));
    }
    if (m.group(3) != null) {
      try {
        return Optional.of(
            new Quantity(number.scaleByPowerOfTen(Integer.parseInt(m.group(3))), true));
      } catch (NumberFormatException | ArithmeticException exponentOutOfRange) {
        return Optional.empty();
      }
    }
    return Optional.of(new Quantity(number, false));
  }
}
