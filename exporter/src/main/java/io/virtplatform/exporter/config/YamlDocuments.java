package io.virtplatform.exporter.config;

import io.virtplatform.exporter.core.model.SourceLocation;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Composes YAML text into node trees that remember their line numbers. */
final class YamlDocuments {

  /** Nesting levels of mappings and lists. Kubernetes objects rarely go past 15. */
  static final int MAX_NESTING_DEPTH = 50;

  /** Aliases to mappings and lists per file: enough for sharing, too few for an alias bomb. */
  static final int MAX_COLLECTION_ALIASES = 50;

  /** Characters per file: 3 MiB, twice the largest object etcd stores. */
  static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

  private YamlDocuments() {}

  /** The parser settings of every config and golden-state file; the limits are documented. */
  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    return options;
  }

  /**
   * Every non-empty document of {@code text}. Malformed YAML adds one error at the line where the
   * parser gave up; the documents before it are still returned so their errors can be reported.
   */
  static List<Node> compose(Path file, String text, List<ConfigError> errors) {
    List<Node> documents = new ArrayList<>();
    try {
      for (Node document : new Yaml(loaderOptions()).composeAll(new StringReader(text))) {
        if (!isEmpty(document)) {
          documents.add(document);
        }
      }
    } catch (MarkedYAMLException e) {
      errors.add(errorOf(file, e));
    } catch (YAMLException e) {
      errors.add(ConfigError.inFile(file, "invalid YAML: " + e.getMessage()));
    }
    return documents;
  }

  /** A document holding only comments, or nothing at all between two {@code ---}. */
  static boolean isEmpty(Node document) {
    return document instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  /** Also used for errors snakeyaml finds while constructing, such as duplicate keys. */
  static ConfigError errorOf(Path file, MarkedYAMLException e) {
    Mark problem = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String message = "invalid YAML: " + e.getProblem() + context(e, problem);
    return problem == null
        ? ConfigError.inFile(file, message)
        : new ConfigError(new SourceLocation(file, problem.getLine() + 1), message);
  }

  /**
   * What the parser was doing, and where that began when it is another line: an unterminated
   * quote is only noticed at the end of the file, far from the line to fix.
   */
  private static String context(MarkedYAMLException e, Mark problem) {
    if (e.getContext() == null) {
      return "";
    }
    Mark start = e.getContextMark();
    boolean elsewhere = start != null && problem != null && start.getLine() != problem.getLine();
    return " (" + e.getContext() + (elsewhere ? " started at line " + (start.getLine() + 1) : "")
        + ")";
  }
}
