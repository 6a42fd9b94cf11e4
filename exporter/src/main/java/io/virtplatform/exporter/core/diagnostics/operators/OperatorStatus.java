package io.virtplatform.exporter.core.diagnostics.operators;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.virtplatform.exporter.core.diagnostics.Timestamps;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the checks read from a platform operator's CR: its status conditions and the versions it
 * reports.
 */
record OperatorStatus(ResourceRef ref, List<Condition> conditions, Versions versions) {

  /** The three values Kubernetes conventions allow; anything else is reported as Unknown. */
  static final List<String> CONDITION_STATUSES = List.of("True", "False", "Unknown");

  /** One entry of {@code status.conditions}; {@code lastTransition} is null when absent. */
  record Condition(String type, String status, Instant lastTransition) {}

  /**
   * The version the operator has rolled out ({@code observed}), the one it is rolling out
   * ({@code target}) and its own; an empty string where the CR does not say.
   */
  record Versions(String observed, String target, String operator) {

    static final Versions NONE = new Versions("", "", "");

    /** Both versions known and different: the operator is moving its components. */
    boolean upgrading() {
      return !observed.isEmpty() && !target.isEmpty() && !observed.equals(target);
    }

    boolean isEmpty() {
      return equals(NONE);
    }
  }

  OperatorStatus {
    conditions = List.copyOf(conditions);
  }

  /** The condition of that type, if the CR has one. */
  Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  static OperatorStatus of(GroupVersionKind kind, GenericKubernetesResource cr) {
    ResourceRef ref = new ResourceRef(kind, cr.getMetadata().getNamespace(),
        cr.getMetadata().getName());
    Map<?, ?> status = cr.getAdditionalProperties().get("status") instanceof Map<?, ?> s
        ? s : Map.of();
    return new OperatorStatus(ref, conditions(status), versions(kind.kind(), status));
  }

  private static List<Condition> conditions(Map<?, ?> status) {
    List<Condition> conditions = new ArrayList<>();
    if (status.get("conditions") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> c && c.get("type") instanceof String type
            && !type.isEmpty()) {
          String value = c.get("status") instanceof String s && CONDITION_STATUSES.contains(s)
              ? s : "Unknown";
          Instant since = c.get("lastTransitionTime") instanceof String t
              ? Timestamps.parse(t) : null;
          conditions.add(new Condition(type, value, since));
        }
      }
    }
    return conditions;
  }

  /**
   * KubeVirt names its fields after itself; CDI and SSP use the operator lifecycle SDK's
   * {@code observedVersion}, {@code targetVersion} and {@code operatorVersion}, which is also what
   * other configured kinds are read with. HyperConverged lists {@code {name, version}} pairs in
   * {@code status.versions} and updates the {@code operator} entry once an upgrade has completed;
   * it keeps no target version in its CR.
   */
  private static Versions versions(String kind, Map<?, ?> status) {
    return switch (kind) {
      case "KubeVirt" -> new Versions(text(status, "observedKubeVirtVersion"),
          text(status, "targetKubeVirtVersion"), text(status, "operatorVersion"));
      case "HyperConverged" -> new Versions(namedVersion(status, "operator"), "", "");
      default -> new Versions(text(status, "observedVersion"), text(status, "targetVersion"),
          text(status, "operatorVersion"));
    };
  }

  private static String text(Map<?, ?> status, String field) {
    return status.get(field) instanceof String s ? s : "";
  }

  private static String namedVersion(Map<?, ?> status, String name) {
    if (status.get("versions") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> entry && name.equals(entry.get("name"))
            && entry.get("version") instanceof String version) {
          return version;
        }
      }
    }
    return "";
  }
}
