package io.virtplatform.exporter.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Says in plain words why a file could not be read; Java's messages often name only the path. */
final class FileProblems {

  private FileProblems() {}

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof CharacterCodingException) return "not valid UTF-8";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
