package io.virtplatform.bundle.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.virtplatform.exporter.config.ConfigLoader;
import io.virtplatform.exporter.config.LoadResult;
import io.virtplatform.exporter.config.LoadedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files the exporter container sees, recreated under a local root: every ConfigMap volume of
 * the rendered Deployment written at its mount path, and the config file its {@code --config}
 * argument names. Loading that file checks the wiring of arguments, mounts, generated ConfigMap
 * names and the config's relative golden-state directory all at once.
 */
final class ExporterPodFiles {

  static final String CONTAINER = "exporter";
  private static final String CONFIG_ARGUMENT = "--config=";

  private final Path configFile;

  private ExporterPodFiles(Path configFile) {
    this.configFile = configFile;
  }

  static ExporterPodFiles write(RenderedManifests rendered, Path root) {
    PodSpec pod = rendered.exporterDeployment().getSpec().getTemplate().getSpec();
    Container container = exporterContainer(pod);
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = pod.getVolumes().stream()
          .filter(v -> v.getName().equals(mount.getName()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("volume mount " + mount.getName()
              + " has no volume"));
      if (volume.getConfigMap() != null) {
        ConfigMap configMap = rendered.configMap(volume.getConfigMap().getName());
        writeFiles(inRoot(root, mount.getMountPath()), configMap.getData());
      }
    }
    String path = container.getArgs().stream()
        .filter(a -> a.startsWith(CONFIG_ARGUMENT))
        .map(a -> a.substring(CONFIG_ARGUMENT.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the exporter container has no " + CONFIG_ARGUMENT
            + " argument: " + container.getArgs()));
    return new ExporterPodFiles(inRoot(root, path));
  }

  static Container exporterContainer(PodSpec pod) {
    return pod.getContainers().stream()
        .filter(c -> c.getName().equals(CONTAINER))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container named " + CONTAINER));
  }

  Path configFile() {
    return configFile;
  }

  /** Loads config and golden state as the exporter does at startup; fails listing every error. */
  LoadedConfig load() {
    LoadResult result = new ConfigLoader().load(configFile);
    if (result instanceof LoadedConfig loaded) {
      return loaded;
    }
    throw new AssertionError("the rendered config does not load:\n"
        + String.join("\n", result.errors().stream().map(Object::toString).toList()));
  }

  private static Path inRoot(Path root, String absolutePath) {
    if (!absolutePath.startsWith("/")) {
      throw new AssertionError("expected an absolute path in the container, got " + absolutePath);
    }
    return root.resolve(absolutePath.substring(1));
  }

  private static void writeFiles(Path directory, Map<String, String> files) {
    try {
      Files.createDirectories(directory);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(directory.resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
