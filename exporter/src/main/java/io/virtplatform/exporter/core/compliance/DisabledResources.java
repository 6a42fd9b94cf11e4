package io.virtplatform.exporter.core.compliance;

import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The autopilot's root exclusion: the {@value #ANNOTATION} annotation of the HyperConverged CR
 * lists resources the autopilot never creates nor manages, as a YAML list of {@code kind},
 * {@code name} and optional {@code namespace}:
 *
 * <pre>
 * platform.kubevirt.io/disabled-resources: |
 *   - kind: KubeDescheduler
 *     name: cluster
 *   - kind: ConfigMap
 *     namespace: openshift-cnv
 *     name: virt-tuning-*
 * </pre>
 *
 * <p>As in the autopilot: {@code kind} matches exactly (case-sensitive); {@code name} and
 * {@code namespace} are glob patterns with Go's {@code filepath.Match} syntax ({@code *},
 * {@code ?}, {@code [a-z]}, {@code [^...]}, {@code \} escapes); a rule without namespace matches
 * every namespace and cluster-scoped objects. Annotation text that is not such a list excludes
 * nothing (the autopilot fails open the same way), and a rule with an invalid or missing field is
 * skipped; both are reported in {@link #problems()}. The older comma-separated
 * {@code Kind/Name} format is no longer read by the autopilot, so it is a problem here too.
 */
public record DisabledResources(List<Rule> rules, List<String> problems) {

  public static final String ANNOTATION = "platform.kubevirt.io/disabled-resources";

  public static final DisabledResources NONE = new DisabledResources(List.of(), List.of());

  /** One entry of the list; {@code namespace} is empty when the entry has none. */
  public record Rule(String kind, Optional<GoGlob> namespace, GoGlob name) {

    public boolean matches(ResourceRef ref) {
      return kind.equals(ref.kind()) && name.matches(ref.name())
          && namespace.map(ns -> ns.matches(ref.namespace())).orElse(true);
    }
  }

  public DisabledResources {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
  }

  /** Whether a rule excludes the object from management. */
  public boolean isDisabled(ResourceRef ref) {
    return rules.stream().anyMatch(rule -> rule.matches(ref));
  }

  /** Reads the annotation's value; {@code null} or blank means nothing is disabled. */
  public static DisabledResources parse(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return NONE;
    }
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(annotation);
    } catch (YAMLException e) {
      return failOpen("is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (!(document instanceof List<?> entries)) {
      return failOpen("must be a YAML list of {kind, name, namespace} entries"
          + (document instanceof String ? " (the comma-separated Kind/Name format is no longer"
              + " supported)" : ""));
    }
    List<Rule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = ANNOTATION + "[" + i + "]";
      if (!(entries.get(i) instanceof Map<?, ?> entry)) {
        problems.add(where + " must be a mapping with kind and name");
        continue;
      }
      Optional<String> kind = text(entry, "kind");
      Optional<String> name = text(entry, "name");
      Optional<String> namespace = text(entry, "namespace");
      if (kind.isEmpty() || name.isEmpty()) {
        problems.add(where + " needs a non-empty kind and name");
        continue;
      }
      Optional<GoGlob> namePattern = GoGlob.compile(name.get());
      Optional<GoGlob> namespacePattern = namespace.flatMap(GoGlob::compile);
      if (namePattern.isEmpty() || namespace.isPresent() && namespacePattern.isEmpty()) {
        problems.add(where + " has an invalid pattern: " + (namePattern.isEmpty()
            ? name.get() : namespace.get()));
        continue;
      }
      rules.add(new Rule(kind.get(), namespacePattern, namePattern.get()));
    }
    return new DisabledResources(rules, problems);
  }

  private static DisabledResources failOpen(String problem) {
    return new DisabledResources(List.of(), List.of(ANNOTATION + " " + problem
        + "; nothing is excluded"));
  }

  /** A scalar field as text; empty when absent or empty. */
  private static Optional<String> text(Map<?, ?> entry, String key) {
    Object value = entry.get(key);
    return value == null || value instanceof Map || value instanceof List
        || String.valueOf(value).isEmpty() ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
