package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTextTest {

  private static final String EXPR = """
      sum by (component, namespace) (max by(component,namespace,workload) (virt_platform_component_ready_replicas)) > 0
      and on (component, namespace)
      max by (component, namespace) (virt_platform_component_health{job="x"}) == 0
      """;

  @Test
  void findsExporterMetricNames() {
    assertThat(PromQlText.platformMetrics(EXPR))
        .containsExactly("virt_platform_component_health", "virt_platform_component_ready_replicas");
  }

  @Test
  void listsGroupingClausesInOrder() {
    assertThat(PromQlText.clauses(EXPR, "by")).containsExactly(
        List.of("component", "namespace"),
        List.of("component", "namespace", "workload"),
        List.of("component", "namespace"));
    assertThat(PromQlText.clauses(EXPR, "on")).containsExactly(List.of("component", "namespace"));
    assertThat(PromQlText.clauses(EXPR, "without")).isEmpty();
  }
}
