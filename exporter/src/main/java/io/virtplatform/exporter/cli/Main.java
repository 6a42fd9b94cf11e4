package io.virtplatform.exporter.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.virtplatform.exporter.config.ConfigError;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadFailure;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.config.WebConfig;
import io.virtplatform.exporter.config.WebConfigLoader;
import io.virtplatform.exporter.demo.DemoCluster;
import io.virtplatform.exporter.demo.DemoFiles;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code virt-platform-exporter} command: runs the exporter, or the demo. */
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

  @Option(names = "--demo",
      description = "Run against an embedded simulated cluster seeded with a realistic platform.")
  boolean demo;

  @Option(names = "--demo-edit-war", negatable = true, defaultValue = "true",
      fallbackValue = "true",
      description = "In demo mode, script an edit war on a StorageClass (default: on).")
  boolean demoEditWar;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    DemoCluster demoCluster = null;
    Path configFile = config;
    if (demo) {
      if (config != null || kubeconfig != null) {
        err.println("--demo runs its own cluster and config; drop --config and --kubeconfig");
        return CommandLine.ExitCode.USAGE;
      }
      configFile = DemoFiles.write(Files.createTempDirectory("virt-platform-demo"));
    }
    LoadResult result = configFile == null
        ? new ConfigLoader().loadDefault()
        : new ConfigLoader().load(configFile);
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
    if (demo && authFilter) {
      err.println("--auth-filter needs a real API server to review tokens; drop it with --demo");
      return CommandLine.ExitCode.USAGE;
    }

    KubernetesClient client;
    if (demo) {
      demoCluster = DemoCluster.start(loaded.config(), loaded.goldenState());
      if (demoEditWar) demoCluster.startEditWar();
      client = demoCluster.newClient();
    } else {
      client = newClient();
    }
    Protection protection;
    try {
      protection = Protections.create(web,
          authFilter ? Optional.of(client.getConfiguration()) : Optional.empty());
    } catch (IOException | IllegalArgumentException e) {
      err.println(e.getMessage() + "; not starting.");
      client.close();
      if (demoCluster != null) demoCluster.close();
      return 1;
    }
    ExporterRuntime runtime = ExporterRuntime.start(client, loaded, configFile,
        new HttpEndpoint(listen, protection,
            hideDriftValues ? DriftRedaction.ALL_VALUES : DriftRedaction.SECRETS),
        Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    DemoCluster clusterToClose = demoCluster;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      client.close();
      if (clusterToClose != null) clusterToClose.close();
      stopped.countDown();
    }, "shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    String base = (protection.tls().isPresent() ? "https://" : "http://") + displayHost() + ":" + runtime.port() + "/";
    if (demo) {
      out.println("Demo cluster running. Open " + base + " (metrics at " + base + "metrics).");
      out.println("Config and golden state: " + configFile.getParent()
          + " (edit them to see a live reload). Stop with Ctrl+C.");
    } else {
      out.println("Serving " + base + "metrics");
    }
    out.flush();
    stopped.await();
    return 0;
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
