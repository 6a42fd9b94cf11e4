package io.virtplatform.bundle.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlSelectorsTest {

  private static List<String> metrics(String expr) {
    return PromQlSelectors.of(expr).stream().flatMap(s -> s.metricNames().stream()).toList();
  }

  @Test
  void findsMetricsAroundAggregationsGroupingAndBinaryOperators() {
    assertThat(metrics("sum by (namespace, group) (rate(foo_total{a=\"b\"}[$__rate_interval]))"
        + " > 0 and on (kind, name) group_left (version) max without (x) (bar) == bool 1"))
        .containsExactly("foo_total", "bar");
  }

  @Test
  void ignoresFunctionsStringsKeywordsAndNumbers() {
    assertThat(metrics("label_replace(max(x) == 1, \"type\", \"paused_total\", \"\", \"\")"
        + " or vector(0) * 1e3 + time() - y offset 5m + inf"))
        .containsExactly("x", "y");
  }

  @Test
  void readsTheNamesOfANameMatcher() {
    assertThat(metrics("{__name__=~\"a_one|b_two\", cluster=~\".*\"}"))
        .containsExactly("a_one", "b_two");
  }

  @Test
  void refusesANameRegexItCannotEnumerate() {
    assertThatThrownBy(() -> metrics("{__name__=~\"virt_platform_.*\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a list of metric names");
  }

  @Test
  void keepsTheMatchersOfEachSelector() {
    List<PromQlSelector> selectors = PromQlSelectors.of(
        "a{cluster=~\"$cluster\", namespace =~ \"$namespace\"} / b {job=\"j\", x=\"}\"}");

    assertThat(selectors).extracting(PromQlSelector::metric).containsExactly("a", "b");
    assertThat(selectors.get(0).hasRegexMatcher("namespace", "$namespace")).isTrue();
    assertThat(selectors.get(1).hasRegexMatcher("cluster", "$cluster")).isFalse();
    assertThat(selectors.get(1).matchers()).isEqualTo("job=\"j\", x=\"}\"");
  }

  @Test
  void doesNotTakeALabelWithTheSameSuffixForTheMatcher() {
    PromQlSelector selector = PromQlSelectors.of("a{subnamespace=~\"$namespace\"}").get(0);

    assertThat(selector.hasRegexMatcher("namespace", "$namespace")).isFalse();
  }
}
