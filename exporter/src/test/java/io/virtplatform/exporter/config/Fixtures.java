package io.virtplatform.exporter.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the fixture files under src/test/resources/config. */
public final class Fixtures {

  private Fixtures() {}

  public static Path config(String relativePath) {
    URL url = Fixtures.class.getResource("/config/" + relativePath);
    if (url == null) {
      throw new IllegalArgumentException("no fixture config/" + relativePath);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
