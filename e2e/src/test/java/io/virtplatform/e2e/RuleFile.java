package io.virtplatform.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Prometheus rule file, as text and as parsed YAML. The test copy of the real file is derived
 * here: the same text with every {@code for:} value replaced, so the alerts fire within seconds.
 */
final class RuleFile {

  /** The hold time of every alert in the test copy: a few evaluations at one per second. */
  static final String SHORT_FOR = "5s";

  /** A rule's {@code for:} key on a line of its own; nothing else in the file looks like it. */
  private static final Pattern FOR_LINE = Pattern.compile("(?m)^( +for: *)\\S+ *$");

  private final String text;
  private final Map<String, Object> document;

  private RuleFile(String text) {
    this.text = text;
    this.document = parse(text);
  }

  static RuleFile read(Path file) {
    try {
      return new RuleFile(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static RuleFile of(String text) {
    return new RuleFile(text);
  }

  /** The test copy: this file with every {@code for} set to {@link #SHORT_FOR}. */
  RuleFile withShortHoldTimes() {
    Matcher m = FOR_LINE.matcher(text);
    return new RuleFile(m.replaceAll(line -> Matcher.quoteReplacement(line.group(1) + SHORT_FOR)));
  }

  String text() {
    return text;
  }

  Path writeTo(Path file) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Every rule as a mapping, in file order. */
  List<Map<String, Object>> rules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Object group : list(document.get("groups"))) {
      for (Object rule : list(map(group).get("rules"))) {
        rules.add(map(rule));
      }
    }
    return rules;
  }

  /** The whole document with the {@code for} key of every rule removed. */
  Map<String, Object> withoutHoldTimes() {
    Map<String, Object> copy = parse(text);
    for (Object group : list(copy.get("groups"))) {
      for (Object rule : list(map(group).get("rules"))) {
        map(rule).remove("for");
      }
    }
    return copy;
  }

  /** The labels the rule of {@code alertname} adds to its alerts. */
  Map<String, String> labelsOf(String alertname) {
    return rules().stream()
        .filter(r -> alertname.equals(r.get("alert")))
        .findFirst()
        .map(r -> stringMap(r.get("labels")))
        .orElseThrow(() -> new AssertionError("the rule file has no alert " + alertname));
  }

  private static Map<String, Object> parse(String text) {
    return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("expected a mapping in the rule file, got " + value);
  }

  private static List<?> list(Object value) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalStateException("expected a list in the rule file, got " + value);
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> result = new LinkedHashMap<>();
    map(value).forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }
}
