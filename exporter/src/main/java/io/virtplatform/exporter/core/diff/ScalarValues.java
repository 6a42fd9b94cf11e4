package io.virtplatform.exporter.core.diff;

import io.virtplatform.exporter.core.diff.Quantities.Quantity;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Equality of two leaf values the way Kubernetes means them.
 *
 * <ul>
 *   <li>Numbers compare by value whatever their Java type: {@code 3 == 3L == 3.0}.
 *   <li>A number and a quantity string compare by value: {@code 2 == "2"}, {@code 0.5 == "500m"}
 *       (YAML reads {@code cpu: 2} as a number, the API server returns {@code "2"}).
 *   <li>Two strings compare by quantity value when both are quantities and at least one carries a
 *       suffix or exponent: {@code "1Gi" == "1024Mi"}, {@code "500m" == "0.5"},
 *       {@code "1e3" == "1k"}. Two plain decimal strings compare exactly ({@code "1.10" != "1.1"},
 *       {@code "0644" != "644"}), because such strings are as often versions or modes as amounts,
 *       and the API server already writes amounts in canonical form.
 *   <li>Everything else compares with {@code equals}: booleans by value, other strings exactly, and
 *       a string never equals a boolean ({@code "true" != true}; YAML reads an unquoted
 *       {@code true} as a boolean, so the golden state says which one it means).
 * </ul>
 */
final class ScalarValues {

  private ScalarValues() {}

  static boolean same(Object desired, Object live) {
    if (desired instanceof String d && live instanceof String l) {
      return d.equals(l) || sameQuantity(d, l);
    }
    Optional<BigDecimal> d = numericValue(desired);
    Optional<BigDecimal> l = numericValue(live);
    if (d.isPresent() && l.isPresent()) {
      return d.get().compareTo(l.get()) == 0;
    }
    return Objects.equals(desired, live);
  }

  private static boolean sameQuantity(String desired, String live) {
    Optional<Quantity> d = Quantities.parse(desired);
    Optional<Quantity> l = Quantities.parse(live);
    return d.isPresent() && l.isPresent()
        && (d.get().hasUnit() || l.get().hasUnit())
        && d.get().value().compareTo(l.get().value()) == 0;
  }

  /** The exact value of a number or a quantity string; empty for anything else, NaN included. */
  private static Optional<BigDecimal> numericValue(Object value) {
    if (value instanceof Number n) {
      try {
        return Optional.of(new BigDecimal(n.toString()));
      } catch (NumberFormatException notFinite) {
        return Optional.empty();
      }
    }
    if (value instanceof String s) {
      return Quantities.parse(s).map(Quantity::value);
    }
    return Optional.empty();
  }
}
