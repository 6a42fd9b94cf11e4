package io.virtplatform.exporter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the config sources hold right now: a digest of every watched file and of every YAML file
 * in the watched directories. Two fingerprints differ when a file was added, removed or edited.
 *
 * <p>Contents are hashed rather than compared by modification time because a mounted ConfigMap is
 * updated by swapping a symbolic link, which leaves the times of the paths we read untouched, and
 * because two quick edits can land within the file system's timestamp resolution.
 */
record SourceFingerprint(Map<Path, String> digests) {

  SourceFingerprint {
    digests = Map.copyOf(digests);
  }

  static SourceFingerprint of(List<Path> watched) {
    Map<Path, String> digests = new TreeMap<>();
    for (Path path : watched) {
      if (Files.isDirectory(path)) {
        digests.put(path, "directory");
        try {
          YamlFileScanner.scan(path).forEach(file -> digests.put(file, digest(file)));
        } catch (IOException e) {
          digests.put(path, "unlistable: " + FileProblems.describe(e));
        }
      } else {
        digests.put(path, digest(path));
      }
    }
    return new SourceFingerprint(digests);
  }

  boolean coversSamePaths(SourceFingerprint other) {
    return digests.keySet().equals(other.digests.keySet());
  }

  private static String digest(Path file) {
    try {
      byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(sha256);
    } catch (NoSuchFileException e) {
      return "missing";
    } catch (IOException e) {
      return "unreadable: " + FileProblems.describe(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
