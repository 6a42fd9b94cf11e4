package io.virtplatform.bundle.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The runbooks that panel descriptions send on-call to: each named one must exist, and each
 * alert's runbook must be named by some panel, so that every alert has a panel that shows its
 * condition.
 */
final class DashboardRunbookLinks {

  private static final Pattern RUNBOOK = Pattern.compile("runbooks/([A-Za-z0-9]+)\\.md");
  /** The index of the runbooks folder; every other file there is one alert's runbook. */
  private static final String INDEX = "README.md";

  private DashboardRunbookLinks() {}

  /** Runbooks named in a description that are not in {@code runbooks}. */
  static List<String> brokenLinks(Dashboard dashboard, Set<String> runbooks) {
    List<String> violations = new ArrayList<>();
    for (JsonNode panel : dashboard.panels()) {
      for (String named : named(panel)) {
        if (!runbooks.contains(named)) {
          violations.add("panel " + panel.path("id").asText() + " \""
              + panel.path("title").asText() + "\" names runbooks/" + named
              + ".md, which does not exist");
        }
      }
    }
    return violations;
  }

  /** Runbooks that no panel description of any of the {@code dashboards} names. */
  static Set<String> unnamed(Collection<Dashboard> dashboards, Set<String> runbooks) {
    Set<String> named = dashboards.stream().flatMap(d -> d.panels().stream())
        .flatMap(panel -> named(panel).stream()).collect(Collectors.toSet());
    Set<String> unnamed = new TreeSet<>(runbooks);
    unnamed.removeAll(named);
    return unnamed;
  }

  /** File stems of the alert runbooks in {@code dir}. */
  static Set<String> runbooksIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".md") && !name.equals(INDEX))
          .map(name -> name.substring(0, name.length() - ".md".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static List<String> named(JsonNode panel) {
    Matcher m = RUNBOOK.matcher(panel.path("description").asText(""));
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    return named;
  }
}
