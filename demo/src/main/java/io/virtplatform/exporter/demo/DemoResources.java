package io.virtplatform.exporter.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads the demo's bundled resource files, such as the objects it seeds. */
final class DemoResources {

  private DemoResources() {}

  /** The text of the resource at {@code path}; a missing one is a broken build. */
  static String text(String path) {
    try (InputStream in = DemoResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("demo resource " + path + " missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates every object of the multi-document resource at {@code path}, after replacing each
   * {@code ${NAME}} placeholder with its value in {@code values}.
   */
  static void createAll(KubernetesClient client, String path, Map<String, String> values) {
    String text = text(path);
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("${" + value.getKey() + "}", value.getValue());
    }
    client.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).items()
        .forEach(item -> client.resource(item).create());
  }
}
