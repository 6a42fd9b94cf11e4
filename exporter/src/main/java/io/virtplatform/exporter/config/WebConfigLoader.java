package io.virtplatform.exporter.config;

import io.virtplatform.exporter.config.NodeReader.Fields;
import io.virtplatform.exporter.config.WebConfig.ClientAuth;
import io.virtplatform.exporter.config.WebConfig.Tls;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a web config ({@link WebConfig}). Every problem comes back as {@code file:line: message};
 * the certificate and key files are read once here, so a missing or mismatched file stops the
 * exporter at start-up instead of failing the first handshake.
 *
 * <p>Keys of the exporter-toolkit format that this exporter does not implement ({@code
 * http_server_config.http2}, {@code curve_preferences}, inline {@code cert}/{@code key}, {@code
 * client_allowed_sans}, {@code prefer_server_cipher_suites}) are errors, not silently ignored.
 */
public final class WebConfigLoader {

  /** The outcome: the config, or every error found. */
  public record Result(Optional<WebConfig> config, List<ConfigError> errors) {

    public Result {
      errors = List.copyOf(errors);
    }
  }

  private static final List<String> TOP_KEYS =
      List.of("tls_server_config", "http_server_config", "basic_auth_users");
  private static final List<String> TLS_KEYS = List.of("cert_file", "key_file",
      "client_auth_type", "client_ca_file", "min_version", "max_version", "cipher_suites");
  private static final List<String> HTTP_KEYS = List.of("headers");
  /** The toolkit's names, and the JSSE ones; TLS 1.0 and 1.1 are disabled in Java 17. */
  private static final Map<String, String> VERSIONS = versions();
  private static final Map<String, ClientAuth> CLIENT_AUTH = Map.of(
      "NoClientCert", ClientAuth.NONE,
      "VerifyClientCertIfGiven", ClientAuth.VERIFY_IF_GIVEN,
      "RequireAndVerifyClientCert", ClientAuth.REQUIRE_AND_VERIFY);
  /** Headers the exporter sets itself; a configured value would break responses or auth. */
  private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-length",
      "content-type", "content-encoding", "transfer-encoding", "connection", "allow", "vary",
      "www-authenticate", "server", "date");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** bcrypt as htpasswd and the toolkit's docs make it: {@code $2a$}, {@code $2b$} or {@code $2y$}. */
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  private WebConfigLoader() {
  }

  /** Oldest first: min_version to max_version is a range of this order. */
  private static Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("TLS12", "TLSv1.2");
    versions.put("TLS13", "TLSv1.3");
    return versions;
  }

  public static Result load(Path file) {
    List<ConfigError> errors = new ArrayList<>();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      errors.add(ConfigError.inFile(file, "cannot read web config: " + FileProblems.describe(e)));
      return new Result(Optional.empty(), errors);
    }
    List<Node> documents = YamlDocuments.compose(file, text, errors);
    if (documents.size() > 1) {
      errors.add(ConfigError.at(file, documents.get(1), "the web config is one YAML document"));
    }
    NodeReader reader = new NodeReader(file, errors);
    Path folder = file.toAbsolutePath().getParent();
    WebConfig config = documents.isEmpty() ? WebConfig.NONE
        : reader.mapping(documents.get(0), "", TOP_KEYS)
            .map(fields -> parse(reader, fields, folder)).orElse(WebConfig.NONE);
    // Top to bottom, although checks that span a section find their errors in another order.
    errors.sort(Comparator.comparingInt(error -> error.location().line()));
    return errors.isEmpty()
        ? new Result(Optional.of(config), errors)
        : new Result(Optional.empty(), errors);
  }

  private static WebConfig parse(NodeReader reader, Fields top, Path folder) {
    Optional<Tls> tls = top.optional("tls_server_config")
        .flatMap(node -> reader.mapping(node, "tls_server_config", TLS_KEYS))
        .flatMap(fields -> tls(reader, fields, folder));
    Map<String, String> headers = top.optional("http_server_config")
        .flatMap(node -> reader.mapping(node, "http_server_config", HTTP_KEYS))
        .flatMap(fields -> fields.optional("headers")
            .flatMap(node -> reader.stringMap(node, "http_server_config.headers"))
            .map(map -> checkHeaders(reader, fields, map)))
        .orElse(Map.of());
    Map<String, String> users = top.optional("basic_auth_users")
        .flatMap(node -> reader.stringMap(node, "basic_auth_users")
            .map(map -> checkHashes(reader, node, map)))
        .orElse(Map.of());
    return new WebConfig(tls, headers, users);
  }

  private static Optional<Tls> tls(NodeReader reader, Fields fields, Path folder) {
    Optional<Path> cert = fields.requiredString("cert_file").map(folder::resolve);
    Optional<Path> key = fields.requiredString("key_file").map(folder::resolve);
    ClientAuth clientAuth = fields.optional("client_auth_type")
        .flatMap(node -> reader.string(node, "tls_server_config.client_auth_type")
            .flatMap(name -> clientAuth(reader, node, name)))
        .orElse(ClientAuth.NONE);
    Optional<Path> clientCa = fields.optional("client_ca_file")
        .flatMap(node -> reader.string(node, "tls_server_config.client_ca_file"))
        .map(folder::resolve);
    if (clientCa.isPresent() != (clientAuth != ClientAuth.NONE)) {
      reader.error(fields.node(), clientCa.isPresent()
          ? "tls_server_config: client_ca_file is set but client_auth_type is NoClientCert;"
              + " set client_auth_type to VerifyClientCertIfGiven or RequireAndVerifyClientCert"
          : "tls_server_config: client_auth_type " + clientAuth + " needs client_ca_file");
    }
    String min = version(reader, fields, "min_version", "TLS12");
    String max = version(reader, fields, "max_version", "TLS13");
    List<String> names = List.copyOf(VERSIONS.keySet());
    List<String> protocols = new ArrayList<>();
    if (min != null && max != null) {
      if (names.indexOf(min) > names.indexOf(max)) {
        reader.error(fields.node(), "tls_server_config: min_version " + min
            + " is above max_version " + max);
      }
      names.subList(names.indexOf(min), Math.max(names.indexOf(min), names.indexOf(max) + 1))
          .forEach(name -> protocols.add(VERSIONS.get(name)));
    }
    List<String> suites = fields.optional("cipher_suites")
        .map(node -> cipherSuites(reader, node)).orElse(List.of());
    cert.ifPresent(certFile -> key.ifPresent(keyFile -> readable(reader,
        fields.optional("cert_file").orElse(fields.node()),
        () -> PemFiles.serverCertificate(certFile, keyFile))));
    clientCa.ifPresent(caFile -> readable(reader, fields.optional("client_ca_file").orElseThrow(),
        () -> PemFiles.certificates(caFile)));
    if (cert.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Tls(cert.get(), key.get(), clientAuth, clientCa, protocols, suites));
  }

  private static Optional<ClientAuth> clientAuth(NodeReader reader, Node node, String name) {
    ClientAuth auth = CLIENT_AUTH.get(name);
    if (auth == null) {
      reader.error(node, "tls_server_config.client_auth_type: '" + name + "' is not supported"
          + " (supported: NoClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert;"
          + " client certificates are always verified against client_ca_file)");
    }
    return Optional.ofNullable(auth);
  }

  private static String version(NodeReader reader, Fields fields, String key, String default_) {
    Optional<Node> node = fields.optional(key);
    if (node.isEmpty()) {
      return default_;
    }
    String path = "tls_server_config." + key;
    Optional<String> value = reader.string(node.get(), path);
    if (value.isPresent() && !VERSIONS.containsKey(value.get())) {
      reader.error(node.get(), path + ": '" + value.get() + "' is not supported (supported: "
          + String.join(", ", VERSIONS.keySet()) + "; TLS 1.0 and 1.1 are disabled in Java 17)");
      return null;
    }
    return value.orElse(null);
  }

  private static List<String> cipherSuites(NodeReader reader, Node node) {
    Set<String> supported;
    try {
      supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS implementation", e);
    }
    List<String> suites = new ArrayList<>();
    reader.list(node, "tls_server_config.cipher_suites").ifPresent(items -> {
      for (Node item : items) {
        reader.string(item, "tls_server_config.cipher_suites[]").ifPresent(name -> {
          if (supported.contains(name)) {
            suites.add(name);
          } else {
            reader.error(item, "tls_server_config.cipher_suites: unknown cipher suite '" + name
                + "' (use IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
          }
        });
      }
    });
    return suites;
  }

  private static Map<String, String> checkHeaders(NodeReader reader, Fields fields,
      Map<String, String> headers) {
    Node node = fields.optional("headers").orElseThrow();
    headers.forEach((name, value) -> {
      if (!HEADER_NAME.matcher(name).matches()) {
        reader.error(node, "http_server_config.headers: '" + name + "' is not a header name");
      } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        reader.error(node, "http_server_config.headers: " + name + " is set by the exporter"
            + " and cannot be configured");
      }
      if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
        reader.error(node, "http_server_config.headers." + name + ": control characters are not"
            + " allowed in a header value");
      }
    });
    return headers;
  }

  private static Map<String, String> checkHashes(NodeReader reader, Node node,
      Map<String, String> users) {
    if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
      mapping.getValue().forEach(entry -> {
        if (entry.getValueNode() instanceof ScalarNode hash
            && !BCRYPT.matcher(hash.getValue()).matches()) {
          reader.error(hash, "basic_auth_users." + ((ScalarNode) entry.getKeyNode()).getValue()
              + ": not a bcrypt hash ($2a$, $2b$ or $2y$, cost 4 to 31; make one with"
              + " htpasswd -nBC 10 USER)");
        }
      });
    }
    return users;
  }

  /** Something that reads files and fails with a message naming the file. */
  private interface FileCheck {
    void run() throws IOException;
  }

  private static void readable(NodeReader reader, Node node, FileCheck check) {
    try {
      check.run();
    } catch (FileSystemException e) {
      reader.error(node, "tls_server_config: " + e.getFile() + ": " + FileProblems.describe(e));
    } catch (IOException e) {
      reader.error(node, "tls_server_config: " + FileProblems.describe(e));
    }
  }
}
