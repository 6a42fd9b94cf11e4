package io.virtplatform.exporter.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScalarValuesTest {

  static Stream<Arguments> pairs() {
    return Stream.of(
        // quantities by value
        Arguments.of("1Gi", "1024Mi", true),
        Arguments.of("1Gi", "1073741824", true),
        Arguments.of("500m", "0.5", true),
        Arguments.of("0.5", "500m", true),
        Arguments.of("1e3", "1k", true),
        Arguments.of("1e3", "1000", true),
        Arguments.of("1.5Gi", "1536Mi", true),
        Arguments.of("100u", "0.1m", true),
        Arguments.of("1Gi", "1G", false),
        Arguments.of("100Mi", "100M", false),
        Arguments.of("500m", "0.05", false),
        // numbers and quantity strings
        Arguments.of(0.5, "500m", true),
        Arguments.of(2, "2", true),
        Arguments.of("2", 2L, true),
        Arguments.of(2, "2.5", false),
        Arguments.of(2, "two", false),
        // numbers of any Java type
        Arguments.of(3, 3L, true),
        Arguments.of(3, 3.0, true),
        Arguments.of(3L, new BigInteger("3"), true),
        Arguments.of(new BigDecimal("0.10"), 0.1, true),
        Arguments.of(3, 3.5, false),
        Arguments.of(Double.NaN, Double.NaN, true),
        Arguments.of(Double.NaN, 1, false),
        // plain decimal strings are not rewritten: versions, modes
        Arguments.of("1.10", "1.1", false),
        Arguments.of("0644", "644", false),
        Arguments.of("1.0", "1.0", true),
        // strings that only contain digits are not quantities
        Arguments.of("v1.2", "v1.20", false),
        Arguments.of("10s", "10000ms", false),
        Arguments.of("quay.io/kubevirt/virt-api:v1.4.0", "quay.io/kubevirt/virt-api:v1.4.0", true),
        // booleans
        Arguments.of(true, true, true),
        Arguments.of(true, false, false),
        Arguments.of("true", true, false),
        Arguments.of(1, true, false),
        // null
        Arguments.of(null, null, true),
        Arguments.of(null, "", false),
        Arguments.of("", null, false));
  }

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @MethodSource("pairs")
  void comparesTheWayKubernetesMeansValues(Object desired, Object live, boolean same) {
    assertThat(ScalarValues.same(desired, live)).isEqualTo(same);
    assertThat(ScalarValues.same(live, desired)).as("symmetric").isEqualTo(same);
  }
}
