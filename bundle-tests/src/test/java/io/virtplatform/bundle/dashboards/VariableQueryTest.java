package io.virtplatform.bundle.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VariableQueryTest {

  @Test
  void labelValuesOfASelectorRunsTheSelector() {
    assertThat(VariableQuery.promQl(
        "label_values({__name__=~\"a|b\", cluster=~\"$cluster\"}, namespace)"))
        .contains("{__name__=~\"a|b\", cluster=~\"$cluster\"}");
  }

  @Test
  void queryResultRunsItsExpression() {
    assertThat(VariableQuery.promQl("query_result(topk(5, sum by (x) (y)))"))
        .contains("topk(5, sum by (x) (y))");
  }

  @Test
  void queriesWithoutPromQlHaveNothingToCheck() {
    assertThat(VariableQuery.promQl("label_values(cluster)")).isEmpty();
    assertThat(VariableQuery.promQl("metrics(virt_platform_.*)")).isEmpty();
  }

  @Test
  void rejectsWhatGrafanaWouldNotRun() {
    assertThatThrownBy(() -> VariableQuery.promQl("labels_values(x, y)"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
