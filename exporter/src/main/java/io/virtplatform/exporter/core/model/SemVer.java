package io.virtplatform.exporter.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver.org 2.0) as found in image tags and operator status fields:
 * {@code v1.9.4}, {@code 1.9.4}, {@code v1.8.0-rc.1}, {@code v1.9.4+build.5}. A leading {@code v}
 * is ignored, and a missing minor or patch number counts as 0 ({@code v1.6} is 1.6.0), as
 * compatibility tables write release lines that way. Build metadata is ignored in comparisons, as
 * the specification requires.
 */
public record SemVer(long major, long minor, long patch, List<String> preRelease)
    implements Comparable<SemVer> {

  private static final Pattern FORMAT = Pattern.compile(
      "v?(0|[1-9]\\d{0,17})(?:\\.(0|[1-9]\\d{0,17}))?(?:\\.(0|[1-9]\\d{0,17}))?"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  private static final Pattern NUMERIC = Pattern.compile("0|[1-9]\\d{0,17}");

  public SemVer {
    preRelease = List.copyOf(preRelease);
  }

  /** The version a text denotes, or empty when it is none, such as {@code latest}. */
  public static Optional<SemVer> parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> pre = m.group(4) == null ? List.of() : Arrays.asList(m.group(4).split("\\."));
    for (String identifier : pre) {
      // A numeric identifier must not have leading zeros.
      if (identifier.chars().allMatch(Character::isDigit) && !NUMERIC.matcher(identifier).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(new SemVer(Long.parseLong(m.group(1)), number(m.group(2)),
        number(m.group(3)), new ArrayList<>(pre)));
  }

  /**
   * The version in the tag of a container image reference, such as
   * {@code registry.k8s.io/cluster-api/cluster-api-controller:v1.9.4}; empty when the image has no
   * tag, is pinned by digest only ({@code @sha256:...}), or its tag is no version.
   */
  public static Optional<SemVer> ofImage(String image) {
    if (image == null || image.contains("@")) {
      return Optional.empty();
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? parse(image.substring(colon + 1)) : Optional.empty();
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }

  /** Precedence as semver.org defines it: a pre-release sorts before its release. */
  @Override
  public int compareTo(SemVer o) {
    int c = Long.compare(major, o.major);
    if (c == 0) c = Long.compare(minor, o.minor);
    if (c == 0) c = Long.compare(patch, o.patch);
    if (c != 0) return c;
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
      c = compareIdentifiers(preRelease.get(i), o.preRelease.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(preRelease.size(), o.preRelease.size());
  }

  /** Numeric identifiers compare as numbers and sort before alphanumeric ones. */
  private static int compareIdentifiers(String a, String b) {
    boolean aNumeric = NUMERIC.matcher(a).matches();
    boolean bNumeric = NUMERIC.matcher(b).matches();
    if (aNumeric && bNumeric) return Long.compare(Long.parseLong(a), Long.parseLong(b));
    if (aNumeric != bNumeric) return aNumeric ? -1 : 1;
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    String core = major + "." + minor + "." + patch;
    return preRelease.isEmpty() ? core : core + "-" + String.join(".", preRelease);
  }
}
