package io.virtplatform.exporter.core.diff;

import static io.virtplatform.exporter.core.diff.Documents.yaml;
import static io.virtplatform.exporter.core.diff.FieldDifference.absent;
import static io.virtplatform.exporter.core.diff.FieldDifference.changed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubsetDiffTest {

  private static Arguments diffCase(
      String name, String desired, String live, Set<String> ignored, FieldDifference... expected) {
    return Arguments.of(name, desired, live, ignored, List.of(expected));
  }

  private static Arguments diffCase(
      String name, String desired, String live, FieldDifference... expected) {
    return diffCase(name, desired, live, Set.of(), expected);
  }

  private static final String CONTAINERS = """
      spec:
        containers:
        - name: virt-api
          image: virt-api:v1
        - name: proxy
          image: kube-api-rewriter:v1
          args: [--port=8443]
      """;

  static Stream<Arguments> cases() {
    return Stream.of(
        diffCase("equal nested maps",
            "spec: {replicas: 2, strategy: {type: RollingUpdate}}",
            "spec: {replicas: 2, strategy: {type: RollingUpdate}}"),
        diffCase("fields the golden state does not mention are ignored",
            "spec: {replicas: 2}",
            "spec: {replicas: 2, paused: false}\nstatus: {readyReplicas: 1}"),
        diffCase("changed leaf in a nested map",
            "spec: {replicas: 2, strategy: {type: RollingUpdate}}",
            "spec: {replicas: 3, strategy: {type: Recreate}}",
            changed("/spec/replicas", 2, 3),
            changed("/spec/strategy/type", "RollingUpdate", "Recreate")),
        diffCase("absent leaf",
            "spec: {replicas: 2, strategy: {type: RollingUpdate}}",
            "spec: {replicas: 2, strategy: {}}",
            absent("/spec/strategy/type", "RollingUpdate")),
        diffCase("a missing sub-map yields one difference per non-zero golden leaf",
            "spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}}",
            "spec: {}",
            absent("/spec/strategy/type", "RollingUpdate"),
            absent("/spec/strategy/rollingUpdate/maxSurge", 1)),
        diffCase("a live scalar where the golden state has a map counts as absent leaves",
            "spec: {strategy: {type: RollingUpdate}}",
            "spec: {strategy: Recreate}",
            absent("/spec/strategy/type", "RollingUpdate")),
        diffCase("a live map where the golden state has a scalar is a changed leaf",
            "spec: {strategy: Recreate}",
            "spec: {strategy: {type: Recreate}}",
            changed("/spec/strategy", "Recreate", Map.of("type", "Recreate"))),
        diffCase("quantities compare by value",
            "resources: {limits: {memory: 1Gi, cpu: 2}, requests: {memory: 1536Mi, cpu: 500m}}",
            "resources: {limits: {memory: 1024Mi, cpu: '2'}, requests: {memory: 1.5Gi, cpu: '0.5'}}"),
        diffCase("a number golden cpu equals its canonical live quantity",
            "resources: {requests: {cpu: 0.5}}",
            "resources: {requests: {cpu: 500m}}"),
        diffCase("different quantities",
            "resources: {limits: {memory: 1Gi, cpu: 500m}}",
            "resources: {limits: {memory: 1G, cpu: '1'}}",
            changed("/resources/limits/memory", "1Gi", "1G"),
            changed("/resources/limits/cpu", "500m", "1")),
        diffCase("numbers compare by value across int, long and double",
            "spec: {replicas: 3, big: 5000000000, ratio: 0.5}",
            "spec: {replicas: 3.0, big: 5000000000.0, ratio: 0.50}"),
        diffCase("different numbers",
            "spec: {replicas: 3}",
            "spec: {replicas: 3.5}",
            changed("/spec/replicas", 3, 3.5)),
        diffCase("a string is not a boolean",
            "spec: {hostNetwork: true, enabled: 'true'}",
            "spec: {hostNetwork: 'true', enabled: true}",
            changed("/spec/hostNetwork", true, "true"),
            changed("/spec/enabled", "true", true)),
        diffCase("list keyed by name: reordered is equal", CONTAINERS, """
            spec:
              containers:
              - name: proxy
                image: kube-api-rewriter:v1
                args: [--port=8443]
              - name: virt-api
                image: virt-api:v1
            """),
        diffCase("list keyed by name: extra live element is ignored", CONTAINERS, """
            spec:
              containers:
              - name: virt-api
                image: virt-api:v1
              - name: istio-proxy
                image: istio:1
              - name: proxy
                image: kube-api-rewriter:v1
                args: [--port=8443]
            """),
        diffCase("list keyed by name: missing element reports all its leaves at its golden index",
            CONTAINERS, """
            spec:
              containers:
              - name: virt-api
                image: virt-api:v1
            """,
            absent("/spec/containers/1/name", "proxy"),
            absent("/spec/containers/1/image", "kube-api-rewriter:v1"),
            absent("/spec/containers/1/args/0", "--port=8443")),
        diffCase("list keyed by name: changed field inside a reordered element", CONTAINERS, """
            spec:
              containers:
              - name: proxy
                image: kube-api-rewriter:v2
                args: [--port=8443]
              - name: virt-api
                image: virt-api:v1
            """,
            changed("/spec/containers/1/image", "kube-api-rewriter:v1", "kube-api-rewriter:v2")),
        diffCase("list keyed by key (tolerations) with duplicate keys, reordered", """
            tolerations:
            - {key: dedicated, operator: Exists, effect: NoSchedule}
            - {key: dedicated, operator: Exists, effect: NoExecute}
            """, """
            tolerations:
            - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}
            - {key: dedicated, operator: Exists, effect: NoExecute}
            - {key: dedicated, operator: Exists, effect: NoSchedule}
            """),
        diffCase("list keyed by key: the closest live element is reported", """
            tolerations:
            - {key: dedicated, operator: Equal, value: virt, effect: NoSchedule}
            """, """
            tolerations:
            - {key: dedicated, operator: Exists, effect: NoExecute}
            - {key: dedicated, operator: Equal, value: virt, effect: NoExecute}
            """,
            changed("/tolerations/0/effect", "NoSchedule", "NoExecute")),
        diffCase("a list where only some elements have a name is ordered", """
            tolerations:
            - {key: a, effect: NoSchedule}
            - {name: b}
            """, """
            tolerations:
            - {name: b}
            - {key: a, effect: NoSchedule}
            """,
            absent("/tolerations/0/key", "a"),
            absent("/tolerations/0/effect", "NoSchedule"),
            absent("/tolerations/1/name", "b")),
        diffCase("ordered list: equal",
            "args: [--v=2, --port=8443]",
            "args: [--v=2, --port=8443]"),
        diffCase("ordered list: reordered elements differ",
            "args: [--v=2, --port=8443]",
            "args: [--port=8443, --v=2]",
            changed("/args/0", "--v=2", "--port=8443"),
            changed("/args/1", "--port=8443", "--v=2")),
        diffCase("ordered list: shorter live list",
            "args: [--v=2, --port=8443]",
            "args: [--v=2]",
            absent("/args/1", "--port=8443")),
        diffCase("ordered list: longer live list",
            "args: [--v=2]",
            "args: [--v=2, --debug]",
            changed("/args/1", null, "--debug")),
        diffCase("ordered list of maps compares element maps as subsets",
            "rules: [{apiGroups: ['']}, {apiGroups: [apps]}]",
            "rules: [{apiGroups: [''], verbs: [get]}, {apiGroups: [batch]}]",
            changed("/rules/1/apiGroups/0", "apps", "batch")),
        diffCase("an empty golden map is a zero value: an absent live field satisfies it",
            "spec: {nodeSelector: {}, template: {metadata: {annotations: {}}}}",
            "spec: {template: {}}"),
        diffCase("an empty golden map is satisfied by a live null",
            "spec: {nodeSelector: {}}",
            "spec: {nodeSelector: null}"),
        diffCase("zero scalars are satisfied by absent live fields",
            "spec: {paused: false, minReadySeconds: 0, ratio: 0.0, serviceAccountName: '',"
                + " template: {spec: {hostNetwork: false, containers: [{name: app, workingDir: '',"
                + " ports: [{containerPort: 80, hostPort: 0, hostIP: ''}]}]}}}",
            "spec: {template: {spec: {containers: [{name: app, ports: [{containerPort: 80}]}]}}}"),
        diffCase("a zero golden value against a present non-zero live value is drift",
            "spec: {paused: false, replicas: 0, serviceAccountName: '', nodeSelector: {}}",
            "spec: {paused: true, replicas: 3, serviceAccountName: virt, nodeSelector: x}",
            changed("/spec/paused", false, true),
            changed("/spec/replicas", 0, 3),
            changed("/spec/serviceAccountName", "", "virt"),
            changed("/spec/nodeSelector", Map.of(), "x")),
        diffCase("a non-zero golden value against an absent live field is drift",
            "spec: {paused: true, replicas: 1, serviceAccountName: virt, command: [run]}",
            "spec: {}",
            absent("/spec/paused", true),
            absent("/spec/replicas", 1),
            absent("/spec/serviceAccountName", "virt"),
            absent("/spec/command/0", "run")),
        diffCase("a zero leaf of a keyed element does not save a missing element",
            "env: [{name: EMPTY, value: ''}]",
            "env: [{name: OTHER}]",
            absent("/env/0/name", "EMPTY")),
        diffCase("the string '0' and the string 'false' are not zero values",
            "data: {count: '0', enabled: 'false'}",
            "data: {}",
            absent("/data/count", "0"),
            absent("/data/enabled", "false")),
        diffCase("empty golden map is satisfied by any live map",
            "volume: {emptyDir: {}}",
            "volume: {emptyDir: {medium: Memory}}"),
        diffCase("empty golden map against a live scalar",
            "volume: {emptyDir: {}}",
            "volume: {emptyDir: yes-please}",
            changed("/volume/emptyDir", Map.of(), "yes-please")),
        diffCase("empty golden list is satisfied by an absent or empty live list",
            "spec: {args: [], command: []}",
            "spec: {command: []}"),
        diffCase("empty golden list against a non-empty live list",
            "spec: {args: []}",
            "spec: {args: [--debug]}",
            changed("/spec/args", List.of(), List.of("--debug"))),
        diffCase("null golden value means absent",
            "spec: {nodeName: null, hostname: null}",
            "spec: {hostname: virt-0}",
            changed("/spec/hostname", null, "virt-0")),
        diffCase("keys with / and ~ are escaped in pointers",
            "metadata: {annotations: {'example.com/owner~team': virt}}",
            "metadata: {annotations: {}}",
            absent("/metadata/annotations/example.com~1owner~0team", "virt")),
        diffCase("ignored exact pointer",
            "spec: {replicas: 2, paused: false}",
            "spec: {replicas: 5, paused: true}",
            Set.of("/spec/replicas"),
            changed("/spec/paused", false, true)),
        diffCase("ignored subtree",
            CONTAINERS + "  replicas: 2\n",
            "spec: {replicas: 3, containers: []}",
            Set.of("/spec/containers"),
            changed("/spec/replicas", 2, 3)),
        diffCase("ignored list element by golden index",
            CONTAINERS, "spec: {containers: [{name: virt-api, image: virt-api:v2}]}",
            Set.of("/spec/containers/1", "/spec/containers/0/image")),
        diffCase("ignoring an extra element of an ordered list",
            "args: [--v=2]",
            "args: [--v=2, --debug]",
            Set.of("/args/1")),
        diffCase("an ignored pointer does not cover a sibling sharing its prefix",
            "spec: {replicas: 2}",
            "spec: {replicas: 3}",
            Set.of("/spec/rep"),
            changed("/spec/replicas", 2, 3)),
        diffCase("ignored pointer with an escaped key",
            "metadata: {annotations: {'example.com/owner': virt, team: virt}}",
            "metadata: {annotations: {'example.com/owner': other, team: other}}",
            Set.of("/metadata/annotations/example.com~1owner"),
            changed("/metadata/annotations/team", "virt", "other")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryUnsatisfiedGoldenLeaf(
      String name, String desired, String live, Set<String> ignored,
      List<FieldDifference> expected) {
    assertThat(SubsetDiff.diff(yaml(desired), yaml(live), ignored))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aMissingLiveObjectReportsItsZeroValuesAsAbsentToo() {
    assertThat(SubsetDiff.diff(
        yaml("spec: {paused: false, replicas: 0, nodeSelector: {}, args: []}"), null, Set.of()))
        .containsExactly(
            absent("/spec/paused", false),
            absent("/spec/replicas", 0),
            absent("/spec/nodeSelector", Map.of()),
            absent("/spec/args", List.of()));
  }

  @Test
  void aMissingLiveObjectReportsEveryGoldenLeafAsAbsent() {
    assertThat(SubsetDiff.diff(yaml(CONTAINERS), null, Set.of("/spec/containers/1/args")))
        .containsExactly(
            absent("/spec/containers/0/name", "virt-api"),
            absent("/spec/containers/0/image", "virt-api:v1"),
            absent("/spec/containers/1/name", "proxy"),
            absent("/spec/containers/1/image", "kube-api-rewriter:v1"));
  }

  @Test
  void theRootPointerIgnoresEverything() {
    assertThat(SubsetDiff.diff(yaml(CONTAINERS), null, Set.of(""))).isEmpty();
  }

  @Test
  void neverModifiesItsInputs() {
    Map<String, Object> desired = yaml(CONTAINERS + "  args: [a, b]\n  volumes: []\n");
    Map<String, Object> live = yaml("spec: {containers: [{name: proxy}], args: [b, a, c]}");

    List<FieldDifference> differences = SubsetDiff.diff(desired, live, Set.of("/spec/volumes"));

    assertThat(differences).hasSize(7);
    assertThat(desired).isEqualTo(yaml(CONTAINERS + "  args: [a, b]\n  volumes: []\n"));
    assertThat(live).isEqualTo(yaml("spec: {containers: [{name: proxy}], args: [b, a, c]}"));
  }
}
