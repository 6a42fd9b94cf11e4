package io.virtplatform.bundle.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GrafanaVariablesTest {

  private static final Set<String> VARIABLES = Set.of("cluster", "namespace");

  @Test
  void turnsIntervalsIntoDurationsAndMatcherVariablesIntoMatchAll() {
    assertThat(GrafanaVariables.toPromQl(
        "rate(x{cluster=~\"$cluster\", namespace=~\"${namespace}\"}[$__rate_interval])"
            + " + increase(y[${__interval}]) + z[$__range]", VARIABLES))
        .isEqualTo("rate(x{cluster=~\".*\", namespace=~\".*\"}[5m]) + increase(y[1m]) + z[1h]");
  }

  @Test
  void rejectsAVariableOutsideARegexMatcher() {
    // With All or several values selected, namespace="$namespace" matches nothing.
    assertThatThrownBy(() -> GrafanaVariables.toPromQl("x{namespace=\"$namespace\"}", VARIABLES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$namespace must be the whole value of a =~ matcher");
  }

  @Test
  void rejectsAnUnknownVariable() {
    assertThatThrownBy(() -> GrafanaVariables.toPromQl("x{pod=~\"$pod\"}", VARIABLES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown variable $pod");
  }
}
