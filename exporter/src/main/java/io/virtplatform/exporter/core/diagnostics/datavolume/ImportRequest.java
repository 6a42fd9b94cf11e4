package io.virtplatform.exporter.core.diagnostics.datavolume;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DataVolume that waits for CDI to start importing into it, and the storage it requests. CDI
 * imports through a scratch PVC of the same size as the target (CDI document, issue 3), so such an
 * import needs quota for twice its request until both PVCs exist.
 */
record ImportRequest(String namespace, String name, BigDecimal storage) {

  /** The sources CDI imports from; upload, clone and blank DataVolumes are no import. */
  static final Set<String> IMPORT_SOURCES =
      Set.of("http", "registry", "s3", "gcs", "imageio", "vddk");
  /**
   * Phases before the importer runs, in which a quota that cannot hold the scratch PVC keeps the
   * import from starting; CDI's PhaseUnset is the empty string.
   */
  static final Set<String> WAITING_PHASES = Set.of("", "Pending", "PVCBound", "ImportScheduled");

  /**
   * The import a DataVolume waits for; empty for a DataVolume that is no import, has left the
   * waiting phases, or whose size is not given in {@code spec.pvc} or {@code spec.storage} (CDI
   * then finds the size out itself).
   */
  static Optional<ImportRequest> of(GenericKubernetesResource dataVolume) {
    Map<String, Object> props = dataVolume.getAdditionalProperties();
    String phase = props.get("status") instanceof Map<?, ?> status
        && status.get("phase") instanceof String p ? p : "";
    if (!WAITING_PHASES.contains(phase) || !(props.get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("source") instanceof Map<?, ?> source)
        || source.keySet().stream().noneMatch(IMPORT_SOURCES::contains)) {
      return Optional.empty();
    }
    return requestedStorage(spec.get("pvc")).or(() -> requestedStorage(spec.get("storage")))
        .map(storage -> new ImportRequest(dataVolume.getMetadata().getNamespace(),
            dataVolume.getMetadata().getName(), storage));
  }

  private static Optional<BigDecimal> requestedStorage(Object claimSpec) {
    if (claimSpec instanceof Map<?, ?> claim && claim.get("resources") instanceof Map<?, ?> res
        && res.get("requests") instanceof Map<?, ?> requests) {
      return quantity(requests.get("storage"));
    }
    return Optional.empty();
  }

  /** A quantity as the API server stores it, a string, or empty when it is none. */
  static Optional<BigDecimal> quantity(Object value) {
    if (!(value instanceof String text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Quantity(text).getNumericalAmount());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
