package io.virtplatform.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alert table of runbooks/README.md: the first table whose header starts with
 * {@code | Alert | Severity |}, one row per alert.
 */
final class RunbookIndex {

  record Row(String alert, String severity, String link) {}

  private static final Pattern HEADER = Pattern.compile("^\\|\\s*Alert\\s*\\|\\s*Severity\\s*\\|.*");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)]+)\\)");

  private RunbookIndex() {}

  static List<Row> read(Path readme) {
    try {
      return parse(Files.readAllLines(readme));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + readme, e);
    }
  }

  static List<Row> parse(List<String> lines) {
    int header = 0;
    while (header < lines.size() && !HEADER.matcher(lines.get(header)).matches()) {
      header++;
    }
    List<Row> rows = new ArrayList<>();
    // header + 2 skips the |---| separator line
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = Arrays.stream(lines.get(i).split("\\|")).map(String::trim).toArray(String[]::new);
      // cells[0] is the empty text before the leading pipe
      Matcher link = LINK.matcher(cells[cells.length - 1]);
      rows.add(new Row(cells[1], cells[2], link.find() ? link.group(1) : ""));
    }
    return rows;
  }
}
