package io.virtplatform.exporter.demo;

import io.virtplatform.exporter.cli.Main;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.logging.LogFormat;
import io.virtplatform.exporter.logging.LogLevel;
import io.virtplatform.exporter.logging.LogSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The {@code virt-platform-demo} command: starts a simulated cluster in this process, writes the
 * demo's config, golden state and a kubeconfig for the cluster to a temporary folder, and then
 * runs the ordinary exporter command against them. Every exporter option but {@code --config} and
 * {@code --kubeconfig} passes through unchanged.
 */
@Command(
    name = "virt-platform-demo",
    mixinStandardHelpOptions = true,
    description = "Runs virt-platform-exporter against an embedded simulated cluster seeded with a"
        + " realistic platform.",
    footer = {"", "Every other option goes to virt-platform-exporter:", ""})
public final class DemoMain implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--demo-edit-war", negatable = true, defaultValue = "true",
      fallbackValue = "true",
      description = "Script an edit war on a StorageClass (default: on).")
  boolean editWar;

  @Unmatched List<String> exporterArgs = new ArrayList<>();

  public static void main(String[] args) {
    // Seeding logs before the exporter command sets logging up from its own options.
    LogSetup.configure(LogFormat.TEXT, LogLevel.INFO, System.err);
    CommandLine demo = new CommandLine(new DemoMain());
    if (demo.isUsageHelpRequested() || List.of(args).contains("--help")
        || List.of(args).contains("-h")) {
      demo.usage(System.out);
      Main.commandLine(new Main()).usage(System.out);
      System.exit(0);
    }
    System.exit(demo.execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (exporterArgs.stream().anyMatch(a -> a.startsWith("--config") || a.startsWith("--kubeconfig"))) {
      err.println("The demo runs its own cluster and config; drop --config and --kubeconfig.");
      return CommandLine.ExitCode.USAGE;
    }
    if (exporterArgs.contains("--auth-filter")) {
      err.println("--auth-filter needs a real API server to review tokens; drop it in the demo.");
      return CommandLine.ExitCode.USAGE;
    }
    Path dir = Files.createTempDirectory("virt-platform-demo");
    Path configFile = DemoFiles.write(dir);
    LoadResult result = new ConfigLoader().load(configFile);
    if (!(result instanceof LoadedConfig loaded)) {
      err.println("The demo's own config does not load: " + result);
      return 1;
    }
    DemoCluster cluster = DemoCluster.start(loaded.config(), loaded.goldenState());
    if (editWar) cluster.startEditWar();
    Path kubeconfig = DemoFiles.writeKubeconfig(dir, cluster.apiServerUrl());

    PrintWriter out = spec.commandLine().getOut();
    out.println("Demo cluster running. Config and golden state: " + dir
        + " (edit them to see a live reload). Stop with Ctrl+C.");
    out.flush();
    List<String> args = new ArrayList<>(List.of(
        "--kubeconfig", kubeconfig.toString(), "--config", configFile.toString()));
    args.addAll(exporterArgs);
    return Main.commandLine(new Main(cluster::close)).execute(args.toArray(String[]::new));
  }
}
