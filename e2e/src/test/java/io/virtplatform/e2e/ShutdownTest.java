package io.virtplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged exporter, as the Deployment runs it, exits on SIGTERM within 5 seconds while its
 * API server hangs (accepts connections and never answers), which is when a close that waits on
 * the API server would hold it until the kubelet's SIGKILL.
 */
class ShutdownTest {

  @TempDir Path dir;

  @Test
  void sigtermExitsWithinFiveSecondsWhileTheApiServerHangs() throws Exception {
    Path jar = Repository.ROOT.resolve("exporter/target/virt-platform-exporter.jar");
    assertThat(jar).as("the exporter jar; `mvn -B verify` packages it first").isRegularFile();
    List<Socket> held = new ArrayList<>();
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!blackHole.isClosed()) {
          try {
            held.add(blackHole.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
      Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), String.format("""
          apiVersion: v1
          kind: Config
          clusters: [{name: hung, cluster: {server: "http://127.0.0.1:%d"}}]
          users: [{name: hung, user: {}}]
          contexts: [{name: hung, context: {cluster: hung, user: hung}}]
          current-context: hung
          """, blackHole.getLocalPort()));
      Process exporter = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
          jar.toString(), "--kubeconfig", kubeconfig.toString(), "--listen", "127.0.0.1:0")
          .redirectErrorStream(true).start();
      try {
        BufferedReader out = new BufferedReader(
            new InputStreamReader(exporter.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
          line = out.readLine();
        } while (line != null && !line.startsWith("Serving "));
        assertThat(line).as("the exporter's 'Serving' line").isNotNull();
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain");
        drain.setDaemon(true);
        drain.start();
        // Let discovery and the first lists get stuck on the hung server.
        Thread.sleep(3_000);
        assertThat(held).as("connections the exporter opened to the hung server").isNotEmpty();

        exporter.destroy(); // SIGTERM
        assertThat(exporter.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of SIGTERM")
            .isTrue();
      } finally {
        exporter.destroyForcibly();
        for (Socket s : held) s.close();
      }
    }
  }
}
