package io.virtplatform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The production jar carries no simulated cluster: the mock API server, the testkit and the demo
 * live in their own modules. `mvn verify` packages the exporter before this module's tests run.
 */
class ProductionJarTest {

  private static final List<String> FORBIDDEN_PREFIXES = List.of(
      "io/fabric8/kubernetes/client/server/mock/",
      "io/fabric8/mockwebserver/",
      "io/virtplatform/exporter/testing/",
      "io/virtplatform/exporter/demo/",
      "demo/");

  @Test
  void theExporterJarHasNoMockServerTestkitOrDemo() throws IOException {
    Path jar = RepoRoot.find().resolve("exporter/target/virt-platform-exporter.jar");
    assertThat(jar).as("the exporter jar; build it with `mvn -B verify`").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> entries = file.stream().map(e -> e.getName()).toList();
      assertThat(entries).as("the jar is the shaded one").contains(
          "io/virtplatform/exporter/cli/Main.class", "io/fabric8/kubernetes/client/KubernetesClient.class");
      assertThat(entries).filteredOn(name -> FORBIDDEN_PREFIXES.stream().anyMatch(name::startsWith))
          .isEmpty();
    }
    assertThat(Files.size(jar)).isPositive();
  }
}
