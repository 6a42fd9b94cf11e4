package io.virtplatform.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What a promtool unit-test file exercises: its input series and its alert expectations. */
record PromtoolTestFile(
    Path file, List<String> inputSeries, Set<String> alertsChecked, Set<String> alertsExpectedToFire) {

  static PromtoolTestFile read(Path file) {
    List<String> series = new ArrayList<>();
    Set<String> checked = new TreeSet<>();
    Set<String> firing = new TreeSet<>();
    Map<String, Object> doc = Yamls.readMap(file);
    for (Object t : Yamls.list(doc.get("tests"), file, "tests")) {
      Map<String, Object> test = Yamls.map(t, file, "test");
      for (Object s : Yamls.list(test.get("input_series"), file, "input_series")) {
        series.add(String.valueOf(Yamls.map(s, file, "input series").get("series")));
      }
      for (Object a : Yamls.list(test.get("alert_rule_test"), file, "alert_rule_test")) {
        Map<String, Object> alertTest = Yamls.map(a, file, "alert_rule_test entry");
        String alertName = String.valueOf(alertTest.get("alertname"));
        checked.add(alertName);
        if (!Yamls.list(alertTest.get("exp_alerts"), file, "exp_alerts").isEmpty()) {
          firing.add(alertName);
        }
      }
    }
    return new PromtoolTestFile(file, List.copyOf(series), checked, firing);
  }
}
