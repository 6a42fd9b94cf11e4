package io.virtplatform.exporter.core.series;

import java.util.Map;

/**
 * What the watches know about one managed object right now. The watch units answer from their
 * informer stores, which are the only copy of live objects the exporter keeps.
 */
public sealed interface Observation {

  /** Nothing known yet (its watch has not listed): keep whatever was reported before. */
  record Unknown() implements Observation {}

  /** Its kind is not served: a missing dependency, so no compliance series at all. */
  record Unserved() implements Observation {}

  /** Its watch cannot list or watch it, e.g. {@code "cannot be read: forbidden"}. */
  record Unreadable(String reason) implements Observation {}

  /** Listed, and it does not exist. */
  record Absent() implements Observation {}

  /** Listed: the live object as a document, converted for this one look. */
  record Present(Map<String, Object> live) implements Observation {}

  Observation UNKNOWN = new Unknown();
  Observation UNSERVED = new Unserved();
  Observation ABSENT = new Absent();
}
