package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Objects as sent to and as stored by a real v1.26 kube-apiserver, from the recordings in
 * {@code src/test/resources/apiserver-recordings} (a copy of {@code shared/apiserver-recordings};
 * its README lists the normalisation rules). Document 1 of a file is what was sent, document 2
 * what the server stored (zero values dropped, defaults filled in, managedFields), documents 3+
 * the stored object after the steps the file header names.
 *
 * <p>The mock API server keeps whatever it is given, so tests create the <em>stored</em> form in
 * it to see what a real cluster returns.
 */
public final class Recordings {

  private Recordings() {}

  /** Every document of {@code file} (e.g. {@code "02-deployment-zero-values.yaml"}), in order. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> documents(String file) {
    String resource = "/apiserver-recordings/" + file;
    try (InputStream in = Recordings.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("no recording " + resource);
      List<Map<String, Object>> docs = new ArrayList<>();
      new Yaml(new LoaderOptions()).loadAll(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .forEach(d -> docs.add((Map<String, Object>) d));
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the client sent (document 1). */
  public static Map<String, Object> sent(String file) {
    return documents(file).get(0);
  }

  /** What the server stored (document 2). */
  public static Map<String, Object> stored(String file) {
    return documents(file).get(1);
  }

  /** Document {@code index} (0-based) of {@code file} as a generic resource. */
  public static GenericKubernetesResource resource(KubernetesClient client, String file, int index) {
    return client.getKubernetesSerialization()
        .convertValue(documents(file).get(index), GenericKubernetesResource.class);
  }

  /**
   * Creates the stored form (document 2) of {@code file} in the mock API server, without the
   * server-assigned fields the mock assigns itself (uid, resourceVersion, creationTimestamp).
   */
  @SuppressWarnings("unchecked")
  public static GenericKubernetesResource createStored(KubernetesClient client, String file) {
    Map<String, Object> stored = stored(file);
    Map<String, Object> metadata = (Map<String, Object>) stored.get("metadata");
    metadata.remove("uid");
    metadata.remove("resourceVersion");
    metadata.remove("creationTimestamp");
    GenericKubernetesResource object = client.getKubernetesSerialization()
        .convertValue(stored, GenericKubernetesResource.class);
    return client.resource(object).create();
  }
}
