package io.virtplatform.exporter.core.cluster;

/**
 * What discovery said about one kind: served (with what a watch needs), not served (a missing
 * dependency), or unknown because the API server did not answer in time or answered an error.
 */
public sealed interface Resolution {

  /** The API server lists the kind in its group version. */
  record Served(ServedApi api) implements Resolution {}

  /** Discovery answered, and the kind is not there (404, not listed, APIService unavailable). */
  record NotServed(String why) implements Resolution {}

  /** Discovery could not tell; the caller keeps what it knew before. */
  record Unknown(String error) implements Resolution {}
}
