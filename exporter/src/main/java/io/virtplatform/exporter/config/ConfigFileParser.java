package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.NodeReader.Fields;
import io.virtplatform.exporter.core.config.ComponentSpec;
import io.virtplatform.exporter.core.config.DiagnosticsSettings;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.config.WorkloadKind;
import io.virtplatform.exporter.core.config.WorkloadSelector;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Turns the composed exporter config file into its parts, reporting every problem it finds. */
final class ConfigFileParser {

  static final List<String> TOP_LEVEL_KEYS =
      List.of("goldenState", "namespaceOverrides", "components", "dependencies", "editWar",
          "diagnostics");

  /** A golden-state directory, resolved, and where the config declares it. */
  record GoldenDirectory(Path path, SourceLocation declaredAt) {}

  record ParsedConfig(
      List<GoldenDirectory> goldenDirectories,
      List<GoldenDirectory> tombstoneDirectories,
      NamespaceOverrides namespaceOverrides,
      List<ComponentSpec> components,
      List<GroupVersionKind> dependencies,
      EditWarSettings editWar,
      DiagnosticsSettings diagnostics) {}

  private final NodeReader reader;
  private final Path baseDir;

  /** {@code baseDir} is the config file's folder, which relative directories resolve against. */
  ConfigFileParser(NodeReader reader, Path baseDir) {
    this.reader = reader;
    this.baseDir = baseDir;
  }

  /** An empty file stands for the defaults: no golden state, no components. */
  ParsedConfig parse(List<Node> documents) {
    if (documents.size() > 1) {
      reader.error(documents.get(1), "the config file must hold a single YAML document");
    }
    Optional<Fields> root = documents.isEmpty()
        ? Optional.empty()
        : reader.mapping(documents.get(0), "", TOP_LEVEL_KEYS);
    NamespaceOverrides overrides = root.flatMap(r -> r.optional("namespaceOverrides"))
        .map(this::namespaceOverrides)
        .orElse(NamespaceOverrides.NONE);
    Optional<Fields> golden = root.flatMap(r -> r.optional("goldenState"))
        .flatMap(node -> reader.mapping(node, "goldenState", List.of("directories", "tombstones")));
    return new ParsedConfig(
        golden.flatMap(g -> g.required("directories"))
            .map(node -> directories(node, "goldenState.directories")).orElse(List.of()),
        golden.flatMap(g -> g.optional("tombstones"))
            .map(node -> directories(node, "goldenState.tombstones")).orElse(List.of()),
        overrides,
        root.flatMap(r -> r.optional("components"))
            .map(node -> components(node, overrides))
            .orElse(List.of()),
        root.flatMap(r -> r.optional("dependencies"))
            .map(node -> new ApiKindList(reader).read(node, "dependencies", "dependency"))
            .orElse(List.of()),
        root.flatMap(r -> r.optional("editWar")).map(this::editWar)
            .orElse(EditWarSettings.DEFAULT),
        root.flatMap(r -> r.optional("diagnostics"))
            .map(node -> new DiagnosticsSectionParser(reader).parse(node))
            .orElse(DiagnosticsSettings.DEFAULT));
  }

  /** Directories listed under {@code key}; one listed twice is an error. */
  private List<GoldenDirectory> directories(Node list, String key) {
    List<GoldenDirectory> directories = new ArrayList<>();
    List<Node> entries = reader.list(list, key).orElse(List.of());
    Map<Path, SourceLocation> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Node entry = entries.get(i);
      String path = key + "[" + i + "]";
      reader.string(entry, path).ifPresent(text -> {
        Path directory = baseDir.resolve(text).normalize();
        SourceLocation declaredAt = ConfigError.locationOf(reader.file(), entry);
        SourceLocation first = seen.putIfAbsent(directory, declaredAt);
        if (first != null) {
          reader.error(entry, path + ": directory " + directory + " is already listed at " + first);
        } else {
          directories.add(new GoldenDirectory(directory, declaredAt));
        }
      });
    }
    return directories;
  }

  private NamespaceOverrides namespaceOverrides(Node section) {
    Optional<Map<String, String>> renames = reader.stringMap(section, "namespaceOverrides");
    if (renames.isEmpty()) {
      return NamespaceOverrides.NONE;
    }
    boolean valid = true;
    // stringMap succeeded, so the section is a mapping of scalars.
    for (NodeTuple entry : ((MappingNode) section).getValue()) {
      for (Node side : List.of(entry.getKeyNode(), entry.getValueNode())) {
        valid &= validNamespace(side, ((ScalarNode) side).getValue(), "namespaceOverrides");
      }
    }
    return valid ? new NamespaceOverrides(renames.get()) : NamespaceOverrides.NONE;
  }

  private List<ComponentSpec> components(Node section, NamespaceOverrides overrides) {
    List<ComponentSpec> components = new ArrayList<>();
    List<Node> entries = reader.list(section, "components").orElse(List.of());
    Map<String, SourceLocation> names = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = "components[" + i + "]";
      reader.mapping(entries.get(i), path, List.of("name", "namespace", "workloads"))
          .flatMap(fields -> component(fields, path, names))
          .map(c -> new ComponentSpec(c.name(), overrides.apply(c.namespace()), c.workloads()))
          .ifPresent(components::add);
    }
    return components;
  }

  private Optional<ComponentSpec> component(
      Fields fields, String path, Map<String, SourceLocation> names) {
    Optional<String> name = fields.required("name").flatMap(node -> uniqueName(node, path, names));
    Optional<String> namespace = fields.required("namespace").flatMap(node ->
        reader.string(node, path + ".namespace")
            .filter(ns -> validNamespace(node, ns, path + ".namespace")));
    Optional<List<WorkloadSelector>> workloads =
        fields.required("workloads").flatMap(node -> workloads(node, path + ".workloads"));
    if (name.isEmpty() || namespace.isEmpty() || workloads.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ComponentSpec(name.get(), namespace.get(), workloads.get()));
  }

  private Optional<String> uniqueName(Node node, String path, Map<String, SourceLocation> names) {
    return reader.string(node, path + ".name").filter(name -> {
      SourceLocation first = names.putIfAbsent(name, ConfigError.locationOf(reader.file(), node));
      if (first != null) {
        reader.error(node, path + ".name: duplicate component name '" + name
            + "' (first defined at " + first + ")");
      }
      return first == null;
    });
  }

  /** Present only when the list is non-empty and every workload in it is valid. */
  private Optional<List<WorkloadSelector>> workloads(Node node, String path) {
    return reader.nonEmptyListOf(node, path, List.of("kind", "name", "matchLabels"),
        this::workload);
  }

  private Optional<WorkloadSelector> workload(Fields fields, String path) {
    Optional<WorkloadKind> kind = fields.required("kind").flatMap(node ->
        reader.string(node, path + ".kind").flatMap(text -> workloadKind(node, path, text)));
    Optional<Node> nameNode = fields.optional("name");
    Optional<Node> labelsNode = fields.optional("matchLabels");
    if (nameNode.isPresent() == labelsNode.isPresent()) {
      reader.error(fields.node(), path + ": set exactly one of name or matchLabels");
      return Optional.empty();
    }
    Optional<String> name = nameNode.flatMap(node -> reader.string(node, path + ".name"));
    Optional<Map<String, String>> labels =
        labelsNode.flatMap(node -> reader.nonEmptyStringMap(node, path + ".matchLabels"));
    if (kind.isEmpty() || (name.isEmpty() && labels.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new WorkloadSelector(kind.get(), name.orElse(null), labels.orElse(null)));
  }

  private Optional<WorkloadKind> workloadKind(Node node, String path, String text) {
    try {
      return Optional.of(WorkloadKind.fromKind(text));
    } catch (IllegalArgumentException e) {
      reader.error(node, path + ".kind: " + e.getMessage());
      return Optional.empty();
    }
  }

  private EditWarSettings editWar(Node section) {
    Optional<Fields> fields =
        reader.mapping(section, "editWar", List.of("window", "minTransitions"));
    Duration window = fields.flatMap(f -> f.optional("window"))
        .flatMap(node -> reader.duration(node, "editWar.window", EditWarSettings.MAX_WINDOW))
        .orElse(EditWarSettings.DEFAULT.window());
    int minTransitions = fields.flatMap(f -> f.optional("minTransitions"))
        .flatMap(this::minTransitions)
        .orElse(EditWarSettings.DEFAULT.minTransitions());
    return new EditWarSettings(window, minTransitions);
  }

  private Optional<Integer> minTransitions(Node node) {
    return reader.integer(node, "editWar.minTransitions").filter(n -> {
      if (n < 2) {
        reader.error(node, "editWar.minTransitions must be at least 2, found " + n);
      }
      return n >= 2;
    });
  }

  private boolean validNamespace(Node node, String namespace, String path) {
    Optional<String> problem = KubernetesNames.namespaceProblem(namespace);
    problem.ifPresent(p -> reader.error(node, path + ": " + p));
    return problem.isEmpty();
  }
}
