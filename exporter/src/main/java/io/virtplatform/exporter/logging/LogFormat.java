package io.virtplatform.exporter.logging;

/** How log events are written, one per line on standard error. */
public enum LogFormat {
  /** {@code time LEVEL [thread] logger - message}, line breaks in the message escaped. */
  TEXT,
  /** One JSON object per line (logback's {@code JsonEncoder}), for log pipelines. */
  JSON
}
