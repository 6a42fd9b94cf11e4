package io.virtplatform.exporter.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import org.junit.jupiter.api.Test;

/** The autopilot's root-exclusion annotation, with the examples of its documentation. */
class DisabledResourcesTest {

  private static ResourceRef ref(String kind, String namespace, String name) {
    return new ResourceRef(new GroupVersionKind("example.io", "v1", kind), namespace, name);
  }

  private static final String DOCUMENTED = """
      - kind: KubeDescheduler  # Cluster-scoped resource
        name: cluster

      - kind: ConfigMap
        namespace: openshift-cnv
        name: virt-tuning-*      # Wildcard for multiple configs

      - kind: Service
        namespace: prod-*        # Namespace wildcard
        name: metrics

      - kind: Secret             # Omit namespace = all namespaces
        name: credentials-*
      """;

  @Test
  void matchesKindExactlyAndNameAndNamespaceAsGlobs() {
    DisabledResources disabled = DisabledResources.parse(DOCUMENTED);

    assertThat(disabled.problems()).isEmpty();
    assertThat(disabled.rules()).hasSize(4);
    assertThat(disabled.isDisabled(ref("KubeDescheduler", "", "cluster"))).isTrue();
    assertThat(disabled.isDisabled(ref("kubedescheduler", "", "cluster")))
        .as("kind is case-sensitive").isFalse();
    assertThat(disabled.isDisabled(ref("ConfigMap", "openshift-cnv", "virt-tuning-cpu"))).isTrue();
    assertThat(disabled.isDisabled(ref("ConfigMap", "kubevirt", "virt-tuning-cpu"))).isFalse();
    assertThat(disabled.isDisabled(ref("ConfigMap", "openshift-cnv", "virt-handler"))).isFalse();
    assertThat(disabled.isDisabled(ref("Service", "prod-eu", "metrics"))).isTrue();
    assertThat(disabled.isDisabled(ref("Service", "", "metrics")))
        .as("a namespace pattern does not match a cluster-scoped object").isFalse();
    assertThat(disabled.isDisabled(ref("Secret", "anywhere", "credentials-db"))).isTrue();
    assertThat(disabled.isDisabled(ref("Secret", "", "credentials-db")))
        .as("no namespace: every namespace and cluster scope").isTrue();
  }

  @Test
  void noAnnotationExcludesNothing() {
    assertThat(DisabledResources.parse(null)).isEqualTo(DisabledResources.NONE);
    assertThat(DisabledResources.parse("  \n")).isEqualTo(DisabledResources.NONE);
    assertThat(DisabledResources.parse("[]").rules()).isEmpty();
  }

  @Test
  void textThatIsNoListFailsOpenWithAProblem() {
    DisabledResources old = DisabledResources.parse("KubeDescheduler/cluster, MachineConfig/50-swap");
    assertThat(old.rules()).isEmpty();
    assertThat(old.problems()).singleElement().asString()
        .contains("comma-separated Kind/Name format is no longer supported");

    DisabledResources broken = DisabledResources.parse("- kind: [unclosed");
    assertThat(broken.rules()).isEmpty();
    assertThat(broken.problems()).singleElement().asString().contains("is not valid YAML")
        .contains("nothing is excluded");
  }

  @Test
  void invalidEntriesAreSkippedAndTheOthersKept() {
    DisabledResources disabled = DisabledResources.parse("""
        - kind: MachineConfig
        - name: orphan
        - just-a-string
        - kind: ConfigMap
          name: "virt-[z-a]"
        - kind: MachineConfig
          name: 50-swap-enable
        """);

    assertThat(disabled.rules()).hasSize(1);
    assertThat(disabled.isDisabled(ref("MachineConfig", "", "50-swap-enable"))).isTrue();
    assertThat(disabled.problems()).containsExactly(
        "platform.kubevirt.io/disabled-resources[0] needs a non-empty kind and name",
        "platform.kubevirt.io/disabled-resources[1] needs a non-empty kind and name",
        "platform.kubevirt.io/disabled-resources[2] must be a mapping with kind and name",
        "platform.kubevirt.io/disabled-resources[3] has an invalid pattern: virt-[z-a]");
  }
}
