package io.virtplatform.bundle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.ExporterConfig;
import io.virtplatform.exporter.core.golden.GoldenObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenShift overlay runs the base's exporter configuration with KubeVirt's and CDI's
 * namespaces mapped to openshift-cnv, and leaves openshift-cnv itself alone.
 */
class OpenShiftOverlayTest {

  private static final String CNV = "openshift-cnv";
  private static final Map<String, String> MOVED_TO_CNV = Map.of("kubevirt", CNV, "cdi", CNV);

  @TempDir
  Path basePod;

  @TempDir
  Path openShiftPod;

  @Test
  void doesNotOwnTheOpenShiftCnvNamespace() {
    assertThat(DeployVariant.OPENSHIFT.rendered().all(Namespace.class)).isEmpty();
  }

  @Test
  void runsTheBaseConfigWithKubeVirtAndCdiMovedToOpenShiftCnv() {
    ExporterConfig base = ExporterPodFiles.write(DeployVariant.BASE.rendered(), basePod)
        .load().config();
    ExporterConfig openShift = ExporterPodFiles.write(DeployVariant.OPENSHIFT.rendered(),
        openShiftPod).load().config();

    List<ComponentSpec> expected = base.components().stream()
        .map(c -> new ComponentSpec(c.name(),
            MOVED_TO_CNV.getOrDefault(c.namespace(), c.namespace()), c.workloads()))
        .toList();
    String stale = "the OpenShift config must be the base config plus namespace overrides;"
        + " run deploy/generate.sh";
    assertThat(openShift.components()).as(stale).isEqualTo(expected);
    assertThat(openShift.components()).extracting(ComponentSpec::namespace).contains(CNV)
        .doesNotContain("kubevirt", "cdi");
    assertThat(openShift.dependencies()).as(stale).isEqualTo(base.dependencies());
    assertThat(openShift.editWar()).as(stale).isEqualTo(base.editWar());
    assertThat(openShift.diagnostics()).as(stale).isEqualTo(base.diagnostics());
  }

  @Test
  void goldenStateLivesInOpenShiftCnv() {
    LoadedConfig loaded = ExporterPodFiles.write(DeployVariant.OPENSHIFT.rendered(), openShiftPod)
        .load();
    assertThat(loaded.goldenState().objects()).isNotEmpty();
    assertThat(loaded.goldenState().objects())
        .extracting(GoldenObject::ref)
        .allSatisfy(ref -> assertThat(ref.namespace()).isIn(Set.of("", CNV)));
  }
}
