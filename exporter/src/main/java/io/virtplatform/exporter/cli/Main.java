package io.virtplatform.exporter.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.virtplatform.exporter.config.ConfigError;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadFailure;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.logging.LogFormat;
import io.virtplatform.exporter.logging.LogLevel;
import io.virtplatform.exporter.logging.LogSetup;
import io.virtplatform.exporter.config.WebConfig;
import io.virtplatform.exporter.config.WebConfigLoader;
import io.virtplatform.exporter.http.DriftRedaction;
import io.virtplatform.exporter.http.Protection;
import io.virtplatform.exporter.http.security.Protections;
import io.virtplatform.exporter.runtime.ExporterRuntime;
import io.virtplatform.exporter.runtime.HttpEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code virt-platform-exporter} command: runs the exporter. */
@Command(
    name = "virt-platform-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {CheckConfigCommand.class},
    description = "Exports the compliance, edit wars, API dependencies and component health of a"
        + " KubeVirt-based virtualization platform as Prometheus metrics.")
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig to use. Default: the client's usual discovery (KUBECONFIG,"
          + " ~/.kube/config, or the in-cluster service account).")
  Path kubeconfig;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Exporter config file (see docs/configuration.md). Default: the bundled"
          + " default config, with no golden state.")
  Path config;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:8080",
      converter = ListenAddress.class,
      description = "Address to serve /metrics, /healthz and /readyz on. Default: ${DEFAULT-VALUE}.")
  InetSocketAddress listen;

  @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
      description = "Log lines as text, or as one JSON object each. Default: ${DEFAULT-VALUE}.")
  LogFormat logFormat;

  @Option(names = "--web.config.file", paramLabel = "FILE",
      description = "Web config in the Prometheus exporter-toolkit format: TLS (cert-manager"
          + " rotations are picked up without a restart), basic auth users, response headers."
          + " Default: plain HTTP.")
  Path webConfigFile;

  @Option(names = "--auth-filter",
      description = "Authenticate every request but /healthz and /readyz with a TokenReview of its"
          + " bearer token, and authorize it with a SubjectAccessReview for get on the path as a"
          + " non-resource URL, as kube-rbac-proxy does.")
  boolean authFilter;

  @Option(names = "--drift.hide-values",
      description = "Show no desired or live value in the drift explainer, only the field and"
          + " its manager. Values of Secrets are always hidden.")
  boolean hideDriftValues;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
      description = "Least severe level logged: error, warn, info, debug or trace."
          + " Default: ${DEFAULT-VALUE}.")
  LogLevel logLevel;

  /** How long SIGTERM may take: under the 5 s the exporter promises, whatever the API server does. */
  static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(4);

  /** Runs after the exporter has stopped, e.g. to stop the demo's simulated cluster. */
  private final Runnable afterShutdown;

  public Main() {
    this(() -> {});
  }

  public Main(Runnable afterShutdown) {
    this.afterShutdown = afterShutdown;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new Main()).execute(args));
  }

  /**
   * The command line of {@code main}. Logging is configured from its options once they are
   * parsed and before any command (check-config too) runs.
   */
  public static CommandLine commandLine(Main main) {
    CommandLine commandLine = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionStrategy(parsed -> {
      LogSetup.configure(main.logFormat, main.logLevel, System.err);
      return new CommandLine.RunLast().execute(parsed);
    });
    return commandLine;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    LoadResult result = config == null
        ? new ConfigLoader().loadDefault()
        : new ConfigLoader().load(config);
    if (result instanceof LoadFailure failure) {
      failure.errors().stream().map(ConfigError::toString).forEach(err::println);
      err.println("The configuration has errors; not starting.");
      return 1;
    }
    LoadedConfig loaded = (LoadedConfig) result;
    WebConfig web = WebConfig.NONE;
    if (webConfigFile != null) {
      WebConfigLoader.Result webResult = WebConfigLoader.load(webConfigFile);
      if (webResult.config().isEmpty()) {
        webResult.errors().forEach(err::println);
        err.println("The web config has errors; not starting.");
        return 1;
      }
      web = webResult.config().get();
    }

    KubernetesClient client = newClient();
    Protection protection;
    try {
      protection = Protections.create(web,
          authFilter ? Optional.of(client.getConfiguration()) : Optional.empty());
    } catch (IOException | IllegalArgumentException e) {
      err.println(e.getMessage() + "; not starting.");
      client.close();
      return 1;
    }
    ExporterRuntime runtime = ExporterRuntime.start(client, loaded, config,
        new HttpEndpoint(listen, protection,
            hideDriftValues ? DriftRedaction.ALL_VALUES : DriftRedaction.SECRETS),
        Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread closing = new Thread(() -> {
      runtime.close();
      client.close();
      afterShutdown.run();
      stopped.countDown();
    }, "closing");
    closing.setDaemon(true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closing.start();
      // The JVM exits once the hooks return: a client stuck on a hung API server cannot hold
      // SIGTERM past the deadline, so the kubelet never has to escalate to SIGKILL.
      if (!awaitQuietly(stopped, SHUTDOWN_DEADLINE)) {
        System.err.println("Shutdown did not finish within " + SHUTDOWN_DEADLINE.toSeconds()
            + " s; exiting anyway.");
      }
    }, "shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    String base = (protection.tls().isPresent() ? "https://" : "http://") + displayHost() + ":"
        + runtime.port() + "/";
    out.println("Serving " + base + " (metrics at " + base + "metrics)");
    out.flush();
    stopped.await();
    return 0;
  }

  private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String displayHost() {
    return listen.getAddress().isAnyLocalAddress() ? "localhost" : listen.getHostString();
  }

  private KubernetesClient newClient() throws IOException {
    if (kubeconfig == null) {
      return new KubernetesClientBuilder().build();
    }
    Config clientConfig =
        Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
    return new KubernetesClientBuilder().withConfig(clientConfig).build();
  }
}
