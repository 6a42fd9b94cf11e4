package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Series;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The HyperConverged CR's platform.kubevirt.io/disabled-resources annotation, read through the
 * cluster view's watch of the CR as the API server stores it (a namespaced custom resource whose
 * annotation is a YAML list in a string).
 */
class DisabledResourcesTest {

  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  private static final String TUNING = "kind=\"ConfigMap\",name=\"virt-tuning-1\",namespace=\"cdi\"";
  private static final String OTHER = "kind=\"ConfigMap\",name=\"other\",namespace=\"cdi\"";
  private static final String HCO =
      "kind=\"HyperConverged\",name=\"kubevirt-hyperconverged\",namespace=\"kubevirt-hyperconverged\"";
  private static final String DISABLING_TUNING =
      "- kind: ConfigMap\n  namespace: cdi\n  name: virt-tuning-*\n";

  @AutoClose private final ClusterViewRun run = new ClusterViewRun();

  private static GoldenObject configMap(String name) {
    Map<String, Object> desired = new LinkedHashMap<>();
    desired.put("apiVersion", "v1");
    desired.put("kind", "ConfigMap");
    desired.put("metadata", Map.of("name", name, "namespace", "cdi"));
    desired.put("data", Map.of("mode", "fast"));
    return new GoldenObject(new ResourceRef(CONFIG_MAP, "cdi", name), desired,
        new SourceLocation(Path.of("golden.yaml"), 1));
  }

  private void createConfigMap(String name, String mode) {
    run.client().configMaps().inNamespace("cdi").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace("cdi").endMetadata()
        .addToData("mode", mode).build()).create();
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> hyperConverged() {
    return run.client().genericKubernetesResources("hco.kubevirt.io/v1beta1", "HyperConverged")
        .inNamespace("kubevirt-hyperconverged");
  }

  /** The CR as the API server stores it: the annotation's YAML list is one string. */
  private void createHyperConverged(String disabledResources) {
    GenericKubernetesResource hco = run.client().getKubernetesSerialization().unmarshal("""
        apiVersion: hco.kubevirt.io/v1beta1
        kind: HyperConverged
        metadata:
          name: kubevirt-hyperconverged
          namespace: kubevirt-hyperconverged
          generation: 1
        spec:
          infra: {}
          workloads: {}
        """, GenericKubernetesResource.class);
    hco.getMetadata().setAnnotations(Map.of("platform.kubevirt.io/disabled-resources",
        disabledResources));
    hyperConverged().resource(hco).create();
  }

  private void setAnnotation(String disabledResources) {
    hyperConverged().withName("kubevirt-hyperconverged").edit(hco -> {
      hco.getMetadata().setAnnotations(Map.of("platform.kubevirt.io/disabled-resources",
          disabledResources));
      return hco;
    });
  }

  @Test
  void aListedObjectIsUnmanagedWithADisabledCustomizationAndComesBackWhenUnlisted() {
    run.installCrd("hco.kubevirt.io", "v1beta1", "HyperConverged", true);
    createConfigMap("virt-tuning-1", "slow");
    createConfigMap("other", "slow");
    createHyperConverged(DISABLING_TUNING);
    run.applyGolden(configMap("virt-tuning-1"), configMap("other"));

    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_customization_info", TUNING + ",type=\"disabled\""))
          .isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status", TUNING)).isNull();
      assertThat(s.get("virt_platform_drifted_fields", TUNING)).isNull();
      assertThat(s.get("virt_platform_edit_war_active", TUNING)).isNull();
      assertThat(s.get("virt_platform_compliance_status", OTHER))
          .as("the glob covers virt-tuning-* only").isEqualTo(0.0);
    });
    assertThat(run.watcher().judgements()).anySatisfy(j -> {
      assertThat(j.result().ref().name()).isEqualTo("virt-tuning-1");
      assertThat(j.result().customizations().types()).containsExactly("disabled");
    });

    setAnnotation("- kind: ConfigMap\n  name: other\n");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", TUNING)).isEqualTo(0.0);
      assertThat(s.get("virt_platform_customization_info", TUNING + ",type=\"disabled\""))
          .isNull();
      assertThat(s.get("virt_platform_customization_info", OTHER + ",type=\"disabled\""))
          .isEqualTo(1.0);
      assertThat(s.get("virt_platform_compliance_status", OTHER)).isNull();
    });
  }

  @Test
  void aMalformedAnnotationDisablesNothingAndSaysWhy() {
    run.installCrd("hco.kubevirt.io", "v1beta1", "HyperConverged", true);
    createConfigMap("virt-tuning-1", "fast");
    createHyperConverged(DISABLING_TUNING);
    run.applyGolden(configMap("virt-tuning-1"));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_customization_info", TUNING + ",type=\"disabled\""))
          .isEqualTo(1.0);
      assertThat(s.get("virt_platform_disabled_resources_problems", HCO)).isEqualTo(0.0);
    });

    // The comma-separated form the autopilot no longer reads.
    setAnnotation("ConfigMap/virt-tuning-1");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", TUNING)).isEqualTo(1.0);
      assertThat(s.all("virt_platform_customization_info")).isEmpty();
      assertThat(s.get("virt_platform_disabled_resources_problems", HCO)).isEqualTo(1.0);
      assertThat(run.watcher().disabledResourcesProblems()).singleElement().asString()
          .startsWith("HyperConverged kubevirt-hyperconverged/kubevirt-hyperconverged: "
              + "platform.kubevirt.io/disabled-resources must be a YAML list")
          .contains("no longer supported").endsWith("nothing is excluded");
    });

    // A skipped entry leaves the others in force.
    setAnnotation(DISABLING_TUNING + "- kind: KubeDescheduler\n- kind: ConfigMap\n  name: '[x'\n");
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", TUNING)).isNull();
      assertThat(s.get("virt_platform_disabled_resources_problems", HCO)).isEqualTo(2.0);
      assertThat(run.watcher().disabledResourcesProblems()).hasSize(2);
    });

    setAnnotation(DISABLING_TUNING);
    await(() -> {
      assertThat(run.watcher().disabledResourcesProblems()).isEmpty();
      assertThat(run.scrape().get("virt_platform_compliance_status", TUNING)).isNull();
      assertThat(run.scrape().get("virt_platform_disabled_resources_problems", HCO))
          .isEqualTo(0.0);
    });
  }

  @Test
  void withoutTheHyperConvergedKindOrItsCrNothingIsDisabled() {
    createConfigMap("virt-tuning-1", "fast");
    run.applyGolden(configMap("virt-tuning-1"));
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", TUNING))
        .isEqualTo(1.0));

    run.installCrd("hco.kubevirt.io", "v1beta1", "HyperConverged", true);
    createHyperConverged(DISABLING_TUNING);
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", TUNING)).isNull());

    hyperConverged().withName("kubevirt-hyperconverged").delete();
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_compliance_status", TUNING)).isEqualTo(1.0);
      assertThat(s.all("virt_platform_customization_info")).isEmpty();
      assertThat(s.all("virt_platform_disabled_resources_problems")).isEmpty();
    });
  }
}
