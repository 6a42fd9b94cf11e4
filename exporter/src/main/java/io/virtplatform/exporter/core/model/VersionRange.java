package io.virtplatform.exporter.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of versions written as comparisons that must all hold, such as {@code >=1.6.0 <1.8.0};
 * operators are {@code >=}, {@code >}, {@code <=}, {@code <} and {@code =} (or none, meaning
 * {@code =}). Versions are {@link SemVer}s: {@code <1.8} means below 1.8.0, which includes
 * 1.8.0's pre-releases such as {@code 1.8.0-rc.1}, and a bare {@code 1.6} means exactly 1.6.0.
 */
public record VersionRange(String text, List<Comparison> comparisons) {

  /** One comparison of a range. */
  public record Comparison(String operator, SemVer version) {

    boolean matches(SemVer candidate) {
      int c = candidate.compareTo(version);
      return switch (operator) {
        case ">=" -> c >= 0;
        case ">" -> c > 0;
        case "<=" -> c <= 0;
        case "<" -> c < 0;
        default -> c == 0;
      };
    }
  }

  private static final List<String> OPERATORS = List.of(">=", "<=", ">", "<", "=");

  public VersionRange {
    comparisons = List.copyOf(comparisons);
  }

  /** The range a text denotes; empty when it has no comparison or one is not a version. */
  public static Optional<VersionRange> parse(String text) {
    List<Comparison> comparisons = new ArrayList<>();
    for (String part : text.trim().split("\\s+")) {
      if (part.isEmpty()) continue;
      String operator = OPERATORS.stream().filter(part::startsWith).findFirst().orElse("=");
      String version = part.startsWith(operator) ? part.substring(operator.length()) : part;
      Optional<SemVer> parsed = SemVer.parse(version);
      if (parsed.isEmpty()) {
        return Optional.empty();
      }
      comparisons.add(new Comparison(operator, parsed.get()));
    }
    return comparisons.isEmpty() ? Optional.empty()
        : Optional.of(new VersionRange(text.trim(), comparisons));
  }

  public boolean contains(SemVer version) {
    return comparisons.stream().allMatch(c -> c.matches(version));
  }

  @Override
  public String toString() {
    return text;
  }
}
