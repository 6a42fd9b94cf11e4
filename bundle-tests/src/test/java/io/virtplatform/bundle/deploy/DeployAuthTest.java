package io.virtplatform.bundle.deploy;

import static io.virtplatform.bundle.deploy.YamlMaps.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.virtplatform.exporter.config.WebConfig;
import io.virtplatform.exporter.config.WebConfigLoader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With the deployed settings the exporter serves HTTPS with a certificate it is given, and lets
 * in only what the API server allows: the --auth-filter role holds exactly the two review verbs,
 * the Prometheus that scrapes may get /metrics and nothing else, and the ServiceMonitor sends a
 * token of an account that may, over HTTPS, checking a name the certificate carries.
 */
class DeployAuthTest {

  private static final String EXPORTER_ACCOUNT = "virt-platform-exporter";
  private static final String SCRAPER_ACCOUNT = "virt-platform-exporter-metrics-reader";
  private static final String WEB_CONFIG_ARGUMENT = "--web.config.file=";

  @TempDir
  Path pod;

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void theAuthFilterRoleHoldsOnlyTheTwoReviewVerbs(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    List<PolicyRule> rules =
        rendered.one(ClusterRole.class, ExporterGrants.AUTH_FILTER_ROLE).getRules();

    assertThat(rules).hasSize(2);
    assertThat(rules).anySatisfy(rule -> assertRule(rule, "authentication.k8s.io",
        "tokenreviews"));
    assertThat(rules).anySatisfy(rule -> assertRule(rule, "authorization.k8s.io",
        "subjectaccessreviews"));
    ClusterRoleBinding binding =
        rendered.one(ClusterRoleBinding.class, ExporterGrants.AUTH_FILTER_ROLE);
    assertThat(binding.getRoleRef().getName()).isEqualTo(ExporterGrants.AUTH_FILTER_ROLE);
    assertThat(binding.getSubjects()).extracting(Subject::getKind, Subject::getName,
            Subject::getNamespace)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ServiceAccount", EXPORTER_ACCOUNT,
            variant.namespace()));
  }

  private static void assertRule(PolicyRule rule, String group, String resource) {
    assertThat(rule.getApiGroups()).containsExactly(group);
    assertThat(rule.getResources()).containsExactly(resource);
    assertThat(rule.getVerbs()).containsExactly("create");
    assertThat(rule.getResourceNames()).isNullOrEmpty();
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void scrapingAndReadingDriftAreSeparateRights(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    PolicyRule metrics = onlyRule(rendered, "virt-platform-exporter-metrics-reader");
    PolicyRule drift = onlyRule(rendered, "virt-platform-exporter-drift-reader");

    assertThat(metrics.getNonResourceURLs()).containsExactly("/metrics");
    assertThat(metrics.getVerbs()).containsExactly("get");
    assertThat(drift.getNonResourceURLs()).containsExactlyInAnyOrder("/drift", "/api/v1/drift",
        "/");
    assertThat(drift.getVerbs()).containsExactly("get");
    String prometheusNamespace = variant == DeployVariant.OPENSHIFT
        ? "openshift-monitoring" : "monitoring";
    assertThat(rendered.one(ClusterRoleBinding.class, "virt-platform-exporter-metrics-reader")
        .getSubjects())
        .extracting(Subject::getName, Subject::getNamespace)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(SCRAPER_ACCOUNT, variant.namespace()),
            org.assertj.core.groups.Tuple.tuple("prometheus-k8s", prometheusNamespace));
    assertThat(rendered.all(ClusterRoleBinding.class))
        .as("the drift reader is for people; the deployment binds it to nobody")
        .noneMatch(b -> b.getRoleRef().getName().equals("virt-platform-exporter-drift-reader"));
  }

  private static PolicyRule onlyRule(RenderedManifests rendered, String role) {
    List<PolicyRule> rules = rendered.one(ClusterRole.class, role).getRules();
    assertThat(rules).as("rules of %s", role).hasSize(1);
    assertThat(rules.get(0).getResources()).isNullOrEmpty();
    return rules.get(0);
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void theServiceMonitorScrapesOverHttpsWithTheMetricsReadersToken(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    Map<String, Object> endpoint = map(((List<?>) map(rendered.generic("ServiceMonitor")
        .getAdditionalProperties().get("spec")).get("endpoints")).get(0));

    assertThat(endpoint.get("scheme")).isEqualTo("https");
    Map<String, Object> authorization = map(endpoint.get("authorization"));
    assertThat(authorization.get("type")).isEqualTo("Bearer");
    Secret token = rendered.one(Secret.class, (String) map(authorization.get("credentials"))
        .get("name"));
    assertThat(token.getType()).isEqualTo("kubernetes.io/service-account-token");
    assertThat(token.getMetadata().getAnnotations())
        .containsEntry("kubernetes.io/service-account.name", SCRAPER_ACCOUNT);
    assertThat(map(authorization.get("credentials")).get("key")).isEqualTo("token");

    Map<String, Object> tls = map(endpoint.get("tlsConfig"));
    String serverName = "virt-platform-exporter." + variant.namespace() + ".svc";
    assertThat(tls.get("serverName")).isEqualTo(serverName);
    assertThat(tls).doesNotContainKey("insecureSkipVerify");
    if (variant == DeployVariant.OPENSHIFT) {
      assertThat(map(map(tls.get("ca")).get("configMap")))
          .containsEntry("key", "service-ca.crt");
    } else {
      assertThat(certificate(rendered, "virt-platform-exporter-tls").get("dnsNames"))
          .asList().contains(serverName);
      assertThat(map(map(tls.get("ca")).get("secret")))
          .containsEntry("name", certificate(rendered, "virt-platform-exporter-ca")
              .get("secretName"))
          .containsEntry("key", "ca.crt");
    }
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void theMountedCertificateIsTheOneIssuedForTheService(DeployVariant variant) {
    RenderedManifests rendered = variant.rendered();
    String secretName = tlsVolume(rendered).getSecret().getSecretName();

    if (variant == DeployVariant.OPENSHIFT) {
      assertThat(rendered.one(Service.class, "virt-platform-exporter").getMetadata()
          .getAnnotations()).containsEntry(
              "service.beta.openshift.io/serving-cert-secret-name", secretName);
      assertThat(rendered.all(GenericKubernetesResource.class))
          .noneMatch(o -> o.getApiVersion().startsWith("cert-manager.io/"));
    } else {
      assertThat(certificate(rendered, "virt-platform-exporter-tls").get("secretName"))
          .isEqualTo(secretName);
    }
  }

  @ParameterizedTest
  @EnumSource(DeployVariant.class)
  void theExporterStartsWithTheWebConfigAndTheFilter(DeployVariant variant) throws Exception {
    RenderedManifests rendered = variant.rendered();
    PodSpec spec = rendered.exporterDeployment().getSpec().getTemplate().getSpec();
    Container container = ExporterPodFiles.exporterContainer(spec);
    ExporterPodFiles.write(rendered, pod);
    VolumeMount tlsMount = container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(tlsVolume(rendered).getName())).findFirst()
        .orElseThrow();
    writeCertificate(pod.resolve(tlsMount.getMountPath().substring(1)));

    assertThat(container.getArgs()).contains("--auth-filter");
    String webConfig = container.getArgs().stream().filter(a -> a.startsWith(WEB_CONFIG_ARGUMENT))
        .map(a -> a.substring(WEB_CONFIG_ARGUMENT.length())).findFirst().orElseThrow();
    Path webConfigFile = pod.resolve(webConfig.substring(1));
    // The config names the files where the pod mounts them; here they are under the test root.
    Files.writeString(webConfigFile, Files.readString(webConfigFile)
        .replace(tlsMount.getMountPath(), pod.resolve(tlsMount.getMountPath().substring(1))
            .toString()));
    WebConfigLoader.Result result = WebConfigLoader.load(webConfigFile);

    assertThat(result.errors()).as("errors of the deployed web config").isEmpty();
    WebConfig.Tls tls = result.config().orElseThrow().tls().orElseThrow();
    assertThat(tls.protocols()).doesNotContain("TLSv1", "TLSv1.1");
    assertThat(result.config().orElseThrow().basicAuthUsers())
        .as("who may read is --auth-filter's decision").isEmpty();
    spec.getContainers().forEach(c -> List.of(c.getLivenessProbe(), c.getReadinessProbe(),
            c.getStartupProbe())
        .forEach(probe -> assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS")));
  }

  private static Volume tlsVolume(RenderedManifests rendered) {
    return rendered.exporterDeployment().getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getSecret() != null).findFirst()
        .orElseThrow(() -> new AssertionError("no Secret volume for the certificate"));
  }

  private static Map<String, Object> certificate(RenderedManifests rendered, String name) {
    return rendered.all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("Certificate") && o.getMetadata().getName().equals(name))
        .map(o -> map(o.getAdditionalProperties().get("spec")))
        .findFirst().orElseThrow(() -> new AssertionError("no Certificate " + name));
  }

  /** tls.crt and tls.key, as cert-manager and the service CA write them into the Secret. */
  private static void writeCertificate(Path directory) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=virt-platform-exporter");
    var certificate = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
            Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("tls.crt"), pem(certificate));
    Files.writeString(directory.resolve("tls.key"),
        pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
  }

  private static String pem(Object object) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
