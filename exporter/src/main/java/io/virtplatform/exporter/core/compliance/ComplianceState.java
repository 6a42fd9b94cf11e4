package io.virtplatform.exporter.core.compliance;

/** Where a managed resource stands against its golden state. */
public enum ComplianceState {
  /** Every golden leaf holds in the live object. */
  COMPLIANT,
  /** At least one golden leaf differs or is absent. */
  DRIFTED,
  /** The live object does not exist. */
  MISSING,
  /** A customization annotation cannot be applied, so compliance cannot be judged. */
  INVALID_CUSTOMIZATION,
  /** The resource opted out with {@code platform.kubevirt.io/mode: unmanaged}; not compared. */
  UNMANAGED
}
