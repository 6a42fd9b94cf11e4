package io.virtplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GrafanaVariablesTest {

  private static final Set<String> DASHBOARD_VARIABLES = Set.of("cluster", "namespace");

  @Test
  void dashboardVariablesMatchEverythingInEverySyntax() {
    assertThat(GrafanaVariables.substitute(
        "up{cluster=~\"$cluster\", namespace=~\"${namespace}\", x=~\"[[cluster]]\","
            + " y=~\"${namespace:regex}\"}", DASHBOARD_VARIABLES))
        .isEqualTo("up{cluster=~\".*\", namespace=~\".*\", x=~\".*\", y=~\".*\"}");
  }

  @Test
  void builtInIntervalsGetFixedValues() {
    assertThat(GrafanaVariables.substitute(
        "rate(a[$__rate_interval]) + increase(b[${__range}]) + c offset $__interval",
        DASHBOARD_VARIABLES))
        .isEqualTo("rate(a[1m]) + increase(b[5m]) + c offset 15s");
  }

  @Test
  void promqlThatLooksLikeAVariableStays() {
    String expr = "label_replace(up, \"pod\", \"$1\", \"instance\", \"(.*):.*\")"
        + " and on() vector(1) > $threshold";
    assertThat(GrafanaVariables.substitute(expr, DASHBOARD_VARIABLES)).isEqualTo(expr);
  }

  @Test
  void anUnknownBuiltInIsAnError() {
    assertThatThrownBy(() -> GrafanaVariables.substitute("rate(a[$__rate_intervall])",
        DASHBOARD_VARIABLES)).hasMessageContaining("$__rate_intervall");
  }
}
