package io.virtplatform.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A runbook's headings and section bodies. Lines inside fenced code blocks are body text: a shell
 * comment such as {@code # copy the labels} is not a heading.
 */
record Runbook(String fileStem, List<String> titles, List<Section> sections) {

  record Section(String title, String body) {}

  static Runbook read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    String name = file.getFileName().toString();
    return parse(name.substring(0, name.length() - ".md".length()), lines);
  }

  static Runbook parse(String fileStem, List<String> lines) {
    List<String> titles = new ArrayList<>();
    List<Section> sections = new ArrayList<>();
    String sectionTitle = null;
    StringBuilder body = new StringBuilder();
    boolean inFence = false;
    for (String line : lines) {
      if (line.stripLeading().startsWith("```")) {
        inFence = !inFence;
      }
      if (!inFence && line.startsWith("# ")) {
        titles.add(line.substring(2).trim());
      } else if (!inFence && line.startsWith("## ")) {
        if (sectionTitle != null) {
          sections.add(new Section(sectionTitle, body.toString()));
        }
        sectionTitle = line.substring(3).trim();
        body.setLength(0);
      } else if (sectionTitle != null) {
        body.append(line).append('\n');
      }
    }
    if (sectionTitle != null) {
      sections.add(new Section(sectionTitle, body.toString()));
    }
    return new Runbook(fileStem, List.copyOf(titles), List.copyOf(sections));
  }

  List<String> sectionTitles() {
    return sections.stream().map(Section::title).toList();
  }

  Optional<String> body(String sectionTitle) {
    return sections.stream()
        .filter(s -> s.title().equals(sectionTitle))
        .map(Section::body)
        .findFirst();
  }

  @Override
  public String toString() {
    return fileStem + ".md";
  }
}
