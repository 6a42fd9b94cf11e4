package io.virtplatform.e2e;

import java.time.Instant;
import java.util.Map;

/** One alert out of a webhook notification, with the time the receiver got it. */
record ReceivedAlert(String status, Map<String, String> labels, Map<String, String> annotations,
    Instant receivedAt) {

  String alertname() {
    return labels.get("alertname");
  }

  boolean firing() {
    return "firing".equals(status);
  }

  boolean resolved() {
    return "resolved".equals(status);
  }

  /** Whether this is an alert named {@code alertname} whose labels include {@code subset}. */
  boolean matches(String alertname, Map<String, String> subset) {
    return alertname.equals(alertname()) && labels.entrySet().containsAll(subset.entrySet());
  }

  @Override
  public String toString() {
    return receivedAt + " " + status + " " + labels;
  }
}
