package io.virtplatform.exporter.cli;

import io.virtplatform.exporter.config.ConfigError;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import io.virtplatform.exporter.config.WebConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Validates a config file and its golden state without touching a cluster, e.g. in CI. */
@Command(
    name = "check-config",
    description = {
        "Validates the exporter config and every golden-state file it points to, and the web"
            + " config when given, without contacting a cluster.",
        "Prints each problem as file:line: message and exits with 1 when there is any, else"
            + " prints a summary and exits with 0."
    })
public final class CheckConfigCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Exporter config file (default: the bundled default config).")
  private Path configFile;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      description = "Also validate this web config, certificate and key files included.")
  private Path webConfigFile;

  @Override
  public Integer call() {
    ConfigLoader loader = new ConfigLoader();
    LoadResult result = configFile == null ? loader.loadDefault() : loader.load(configFile);
    List<ConfigError> errors = new ArrayList<>(result.errors());
    if (webConfigFile != null) {
      errors.addAll(WebConfigLoader.load(webConfigFile).errors());
    }
    if (errors.isEmpty() && result instanceof LoadedConfig loaded) {
      spec.commandLine().getOut().printf(
          "OK: %d components, %d dependencies, %d golden-state objects in %d directories%n",
          loaded.config().components().size(),
          loaded.config().dependencies().size(),
          loaded.goldenState().size(),
          loaded.config().goldenStateDirectories().size());
      if (webConfigFile != null) {
        spec.commandLine().getOut().printf("OK: web config %s%n", webConfigFile);
      }
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    errors.forEach(err::println);
    err.printf("%d error(s) found%n", errors.size());
    return 1;
  }
}
