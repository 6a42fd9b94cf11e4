package io.virtplatform.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end test must fail, clearly, when a server is missing or does not come up. */
class ExternalProcessTest {

  @TempDir Path dir;

  @Test
  void aMissingBinaryFailsWithAnInstallHint() {
    assertThatThrownBy(() -> ExternalProcess.requireBinary("no-such-prometheus"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-prometheus")
        .hasMessageContaining("scripts/install-test-tools.sh");
  }

  @Test
  void aServerThatExitsFailsAtOnceWithItsLog() {
    try (ExternalProcess process = ExternalProcess.start("crasher", Path.of("/bin/sh"),
        List.of("-c", "echo bad config; exit 3"), dir.resolve("crasher.log"))) {
      assertThatThrownBy(() -> process.awaitReady(unusedPortUrl(), Duration.ofSeconds(20)))
          .hasMessageContaining("crasher exited with code 3")
          .hasMessageContaining("bad config");
    }
  }

  @Test
  void aServerThatNeverAnswersFailsAtTheDeadline() {
    try (ExternalProcess process = ExternalProcess.start("sleeper", Path.of("/bin/sleep"),
        List.of("60"), dir.resolve("sleeper.log"))) {
      assertThatThrownBy(() -> process.awaitReady(unusedPortUrl(), Duration.ofSeconds(1)))
          .hasMessageContaining("sleeper was not ready at");
    }
  }

  private static URI unusedPortUrl() {
    return URI.create("http://127.0.0.1:" + ExternalProcess.freePort() + "/-/ready");
  }
}
