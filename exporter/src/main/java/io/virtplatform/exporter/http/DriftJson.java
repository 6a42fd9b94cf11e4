package io.virtplatform.exporter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.drift.CustomizedResource;
import io.virtplatform.exporter.core.drift.DriftReport;
import io.virtplatform.exporter.core.drift.EditWarActors;
import io.virtplatform.exporter.core.drift.FieldDrift;
import io.virtplatform.exporter.core.drift.ResourceDrift;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link DriftReport}, as served at {@code /api/v1/drift}. Every member is
 * always present, {@code null} when it has no value, so that {@code jq} filters need no guards. A
 * field whose values {@link DriftRedaction} hides has {@code null} values and {@code
 * "valueHidden": true}.
 */
final class DriftJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DriftJson() {
  }

  static String document(DriftReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("judgedResources", report.judged());
    doc.put("resources", report.resources().stream().map(DriftJson::resource).toList());
    doc.put("customizations",
        report.customizations().stream().map(DriftJson::customized).toList());
    doc.put("editWars", report.editWars().stream().map(DriftJson::editWar).toList());
    doc.put("disabledResourcesProblems", report.disabledResourcesProblems());
    return write(PRETTY, doc) + "\n";
  }

  /** A desired or live value as compact JSON, so that {@code "1"} and {@code 1} differ. */
  static String value(Object value) {
    return write(JSON, value);
  }

  private static Map<String, Object> resource(ResourceDrift drift) {
    Map<String, Object> json = identity(drift.ref());
    json.put("state", drift.state().name());
    json.put("problem", drift.problem());
    json.put("fields", drift.fields().stream().map(DriftJson::field).toList());
    json.put("customizations", customizations(drift.customizations()));
    return json;
  }

  private static Map<String, Object> field(FieldDrift field) {
    Map<String, Object> json = new LinkedHashMap<>();
    boolean hidden = field.desired() == DriftRedaction.HIDDEN
        || field.live() == DriftRedaction.HIDDEN;
    json.put("pointer", field.pointer());
    json.put("path", field.path());
    json.put("desired", hidden ? null : field.desired());
    json.put("live", hidden ? null : field.live());
    json.put("liveAbsent", field.liveAbsent());
    json.put("valueHidden", hidden);
    json.put("manager", field.manager());
    json.put("removed", field.removed());
    return json;
  }

  private static Map<String, Object> editWar(EditWarActors war) {
    Map<String, Object> json = identity(war.ref());
    json.put("actors", war.actors().entrySet().stream().map(actor -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("manager", actor.getKey());
      entry.put("fields", List.copyOf(actor.getValue()));
      return entry;
    }).toList());
    return json;
  }

  private static Map<String, Object> customized(CustomizedResource resource) {
    Map<String, Object> json = identity(resource.ref());
    json.putAll(customizations(resource.customizations()));
    return json;
  }

  private static Map<String, Object> customizations(Customizations c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("types", c.types());
    json.put("ignoredFields", c.ignoredPointers());
    json.put("patch", c.patch());
    json.put("reconcilePaused", c.reconcilePaused());
    return json;
  }

  private static Map<String, Object> identity(ResourceRef ref) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", ref.kind());
    json.put("apiVersion", ref.gvk().apiVersion());
    json.put("namespace", ref.namespace());
    json.put("name", ref.name());
    return json;
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Values are plain maps, lists and scalars read from YAML or JSON: always serializable.
      throw new UncheckedIOException(e);
    }
  }
}
