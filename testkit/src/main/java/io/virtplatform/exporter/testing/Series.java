package io.virtplatform.exporter.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of Prometheus text exposition, keyed the way tests name them. */
public final class Series {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})?\\s+(\\S+)$");

  private final Map<String, Double> samples = new LinkedHashMap<>();

  private Series(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher m = SAMPLE.matcher(line);
      if (m.matches()) {
        samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
            Double.parseDouble(m.group(3)));
      }
    }
  }

  public static Series parse(String text) {
    return new Series(text);
  }

  /**
   * The value of the sample {@code name{labels}}, where {@code labels} is written exactly as the
   * exporter renders it, e.g. {@code kind="ConfigMap",name="x",namespace="cdi"}; null if absent.
   */
  public Double get(String name, String labels) {
    return samples.get(name + "{" + labels + "}");
  }

  /** The value of an unlabelled sample; null if absent. */
  public Double get(String name) {
    return samples.get(name);
  }

  /** Every sample of a metric name, keyed by {@code name{labels}}. */
  public Map<String, Double> all(String name) {
    Map<String, Double> out = new LinkedHashMap<>();
    samples.forEach((k, v) -> {
      if (k.equals(name) || k.startsWith(name + "{")) out.put(k, v);
    });
    return out;
  }
}
