package io.virtplatform.exporter.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomizationsTest {

  @Test
  void noAnnotationsMeansNoCustomization() {
    assertThat(Customizations.fromAnnotations(null)).isEqualTo(Customizations.NONE);
    assertThat(Customizations.fromAnnotations(Map.of("team", "virt")))
        .isEqualTo(Customizations.NONE);
    assertThat(Customizations.NONE.types()).isEmpty();
    assertThat(Customizations.NONE.ignoreFieldsProblem()).isEmpty();
  }

  @Test
  void readsEveryAnnotation() {
    Customizations c = Customizations.fromAnnotations(Map.of(
        "platform.kubevirt.io/mode", " Unmanaged ",
        "platform.kubevirt.io/ignore-fields", " /spec/replicas, ,/metadata/labels/app,",
        "platform.kubevirt.io/patch", "[]",
        "platform.kubevirt.io/reconcile-paused", "TRUE"));

    assertThat(c).isEqualTo(new Customizations(
        true, List.of("/spec/replicas", "/metadata/labels/app"), "[]", true));
  }

  @Test
  void otherValuesDoNotCount() {
    Customizations c = Customizations.fromAnnotations(Map.of(
        "platform.kubevirt.io/mode", "managed",
        "platform.kubevirt.io/ignore-fields", " , ",
        "platform.kubevirt.io/patch", "  ",
        "platform.kubevirt.io/reconcile-paused", "yes"));

    assertThat(c).isEqualTo(Customizations.NONE);
  }

  @Test
  void typesInEffect() {
    assertThat(new Customizations(false, List.of("/spec"), "[]", true).types())
        .containsExactly("patch", "ignore");
    assertThat(new Customizations(false, List.of(), "[]", false).types())
        .containsExactly("patch");
    assertThat(new Customizations(false, List.of("/spec"), null, false).types())
        .containsExactly("ignore");
    assertThat(new Customizations(true, List.of("/spec"), "[]", false).types())
        .as("nothing else is evaluated while unmanaged")
        .containsExactly("unmanaged");
  }

  @Test
  void namesTheFirstInvalidIgnoredPointer() {
    Customizations c = Customizations.fromAnnotations(Map.of(
        "platform.kubevirt.io/ignore-fields", "/spec/replicas,spec/paused,/a~2"));

    assertThat(c.ignoreFieldsProblem()).hasValue("platform.kubevirt.io/ignore-fields:"
        + " \"spec/paused\" is not a JSON Pointer: it must start with \"/\"");
  }

  @Test
  void copiesThePointerList() {
    List<String> pointers = new java.util.ArrayList<>(List.of("/spec"));
    Customizations c = new Customizations(false, pointers, null, false);
    pointers.add("/metadata");

    assertThat(c.ignoredPointers()).containsExactly("/spec");
  }

  @Test
  void toleratesNullAnnotationValues() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put("platform.kubevirt.io/mode", null);

    assertThat(Customizations.fromAnnotations(annotations)).isEqualTo(Customizations.NONE);
  }
}
