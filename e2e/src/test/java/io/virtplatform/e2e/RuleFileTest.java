package io.virtplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-to-end test runs a copy of the real rules; only the hold times may differ. */
class RuleFileTest {

  private final RuleFile real = RuleFile.read(Repository.RULES);
  private final RuleFile copy = real.withShortHoldTimes();

  @Test
  void theTestCopyDiffersFromTheRealFileOnlyInItsHoldTimes() {
    assertThat(copy.withoutHoldTimes()).isEqualTo(real.withoutHoldTimes());
  }

  @Test
  void everyHoldTimeOfTheRealFileIsShortenedInTheCopy() {
    List<Map<String, Object>> realRules = real.rules();
    List<Map<String, Object>> copiedRules = copy.rules();
    assertThat(copiedRules).hasSameSizeAs(realRules);
    for (int i = 0; i < realRules.size(); i++) {
      Object realFor = realRules.get(i).get("for");
      assertThat(copiedRules.get(i).get("for")).as("for of %s", realRules.get(i).get("alert"))
          .isEqualTo(realFor == null ? null : RuleFile.SHORT_FOR);
    }
    assertThat(realRules).as("rules with a hold time")
        .anyMatch(r -> r.get("for") != null);
  }

  @Test
  void anythingElseThatChangesIsCaught() {
    RuleFile tampered = RuleFile.of(real.text().replace("virt_platform_compliance_status",
        "virt_platform_compliance_state"));
    assertThat(tampered.withShortHoldTimes().withoutHoldTimes())
        .isNotEqualTo(real.withoutHoldTimes());
  }
}
