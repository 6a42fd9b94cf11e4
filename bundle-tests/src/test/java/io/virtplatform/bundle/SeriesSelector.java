package io.virtplatform.bundle;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A promtool input series such as {@code up{job="x",instance="y"}}: its name and label names. */
record SeriesSelector(String metric, Set<String> labelNames) {

  private static final Pattern SERIES =
      Pattern.compile("\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{(.*)\\})?\\s*");
  private static final Pattern LABEL =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*,?");

  static SeriesSelector parse(String text) {
    Matcher m = SERIES.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a series: " + text);
    }
    Set<String> labels = new TreeSet<>();
    String body = m.group(2) == null ? "" : m.group(2).trim();
    Matcher label = LABEL.matcher(body);
    int end = 0;
    while (label.lookingAt()) {
      labels.add(label.group(1));
      end = label.end();
      label.region(end, body.length());
    }
    if (end != body.length()) {
      throw new IllegalArgumentException("cannot read the labels of series: " + text);
    }
    return new SeriesSelector(m.group(1), labels);
  }
}
