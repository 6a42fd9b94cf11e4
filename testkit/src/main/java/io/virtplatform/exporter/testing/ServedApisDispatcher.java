package io.virtplatform.exporter.testing;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * fabric8's CRUD dispatcher, answering discovery as a real v1.26 kube-apiserver does. The CRUD
 * dispatcher serves per-group-version discovery only for the CRDs it holds; a real server also
 * serves Kubernetes' own groups, and answers an unserved version or group with a 404 whose body
 * depends on the group (see the apiserver recordings' README):
 *
 * <ul>
 *   <li>a served built-in group version ({@code /api/v1}, {@code /apis/apps/v1}): its resources;
 *   <li>an unserved version of a built-in group ({@code /apis/policy/v1beta1}): 404 with a JSON
 *       Status;
 *   <li>an unknown group, or a CRD group version nobody installed: 404 {@code text/plain}.
 * </ul>
 *
 * <p>Tests can also make a resource path answer 403 with the server's Forbidden Status, as a
 * ServiceAccount without the grant would see it.
 */
public class ServedApisDispatcher extends KubernetesCrudDispatcher {

  /** A resource a v1.26 server serves in one of Kubernetes' own group versions. */
  private record BuiltIn(String groupVersion, String plural, String kind, boolean namespaced) {}

  /** The built-in group versions of v1.26 with the resources the exporter or its tests use. */
  private static final List<BuiltIn> V1_26 = List.of(
      new BuiltIn("v1", "configmaps", "ConfigMap", true),
      new BuiltIn("v1", "endpoints", "Endpoints", true),
      new BuiltIn("v1", "events", "Event", true),
      new BuiltIn("v1", "limitranges", "LimitRange", true),
      new BuiltIn("v1", "namespaces", "Namespace", false),
      new BuiltIn("v1", "nodes", "Node", false),
      new BuiltIn("v1", "persistentvolumeclaims", "PersistentVolumeClaim", true),
      new BuiltIn("v1", "persistentvolumes", "PersistentVolume", false),
      new BuiltIn("v1", "pods", "Pod", true),
      new BuiltIn("v1", "resourcequotas", "ResourceQuota", true),
      new BuiltIn("v1", "secrets", "Secret", true),
      new BuiltIn("v1", "serviceaccounts", "ServiceAccount", true),
      new BuiltIn("v1", "services", "Service", true),
      new BuiltIn("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations",
          "MutatingWebhookConfiguration", false),
      new BuiltIn("admissionregistration.k8s.io/v1", "validatingwebhookconfigurations",
          "ValidatingWebhookConfiguration", false),
      new BuiltIn("apiextensions.k8s.io/v1", "customresourcedefinitions",
          "CustomResourceDefinition", false),
      new BuiltIn("apiregistration.k8s.io/v1", "apiservices", "APIService", false),
      new BuiltIn("apps/v1", "controllerrevisions", "ControllerRevision", true),
      new BuiltIn("apps/v1", "daemonsets", "DaemonSet", true),
      new BuiltIn("apps/v1", "deployments", "Deployment", true),
      new BuiltIn("apps/v1", "replicasets", "ReplicaSet", true),
      new BuiltIn("apps/v1", "statefulsets", "StatefulSet", true),
      new BuiltIn("autoscaling/v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
      new BuiltIn("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
      new BuiltIn("batch/v1", "cronjobs", "CronJob", true),
      new BuiltIn("batch/v1", "jobs", "Job", true),
      new BuiltIn("certificates.k8s.io/v1", "certificatesigningrequests",
          "CertificateSigningRequest", false),
      new BuiltIn("coordination.k8s.io/v1", "leases", "Lease", true),
      new BuiltIn("discovery.k8s.io/v1", "endpointslices", "EndpointSlice", true),
      new BuiltIn("events.k8s.io/v1", "events", "Event", true),
      new BuiltIn("networking.k8s.io/v1", "ingressclasses", "IngressClass", false),
      new BuiltIn("networking.k8s.io/v1", "ingresses", "Ingress", true),
      new BuiltIn("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true),
      new BuiltIn("node.k8s.io/v1", "runtimeclasses", "RuntimeClass", false),
      new BuiltIn("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
      new BuiltIn("rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding",
          false),
      new BuiltIn("rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false),
      new BuiltIn("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true),
      new BuiltIn("rbac.authorization.k8s.io/v1", "roles", "Role", true),
      new BuiltIn("scheduling.k8s.io/v1", "priorityclasses", "PriorityClass", false),
      new BuiltIn("storage.k8s.io/v1", "csidrivers", "CSIDriver", false),
      new BuiltIn("storage.k8s.io/v1", "csinodes", "CSINode", false),
      new BuiltIn("storage.k8s.io/v1", "storageclasses", "StorageClass", false),
      new BuiltIn("storage.k8s.io/v1", "volumeattachments", "VolumeAttachment", false),
      new BuiltIn("storage.k8s.io/v1beta1", "csistoragecapacities", "CSIStorageCapacity", true));

  private static final Map<String, List<BuiltIn>> BY_GROUP_VERSION =
      V1_26.stream().collect(Collectors.groupingBy(BuiltIn::groupVersion));
  private static final java.util.Set<String> BUILT_IN_GROUPS = V1_26.stream()
      .map(b -> b.groupVersion().contains("/")
          ? b.groupVersion().substring(0, b.groupVersion().indexOf('/')) : "")
      .collect(Collectors.toUnmodifiableSet());

  private static final Pattern DISCOVERY =
      Pattern.compile("^/(?:api/(?<core>[^/?]+)|apis/(?<group>[^/?]+)/(?<version>[^/?]+))/?(?:\\?.*)?$");

  /** The recorded body of a 404 for an unserved built-in group version. */
  static final String BUILT_IN_NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
      + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"the server could not find the"
      + " requested resource\",\"reason\":\"NotFound\",\"details\":{},\"code\":404}";
  /** The recorded body of a 404 for an unknown group (text/plain). */
  static final String PAGE_NOT_FOUND = "404 page not found\n";

  private record Forbidden(Pattern path, String body) {}

  private final List<Forbidden> forbidden = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean recording;

  /** Whether a v1.26 server serves {@code kind} in {@code apiVersion} without any CRD. */
  public static boolean servesBuiltIn(String apiVersion, String kind) {
    return BY_GROUP_VERSION.getOrDefault(apiVersion, List.of()).stream()
        .anyMatch(b -> b.kind().equals(kind));
  }

  /**
   * From now on, requests whose path (without the query) matches {@code pathRegex} answer 403 with
   * {@code statusBody}, as the recorded Forbidden answers.
   */
  public void forbid(String pathRegex, String statusBody) {
    forbidden.add(new Forbidden(Pattern.compile(pathRegex), statusBody));
  }

  /** Lifts every {@link #forbid}. */
  public void allowAll() {
    forbidden.clear();
  }

  /**
   * From now on, keeps every request answered, for {@link #requests}. Off by default: the
   * benchmark sends hundreds of thousands through this dispatcher and measures the heap.
   */
  public void recordRequests() {
    recording = true;
  }

  /**
   * The requests answered since {@link #recordRequests}, as
   * {@code "GET /api/v1/pods?watch=true"}: tests count the lists and watches a resource costs.
   */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if (recording) {
      requests.add(request.getMethod() + " " + path);
    }
    String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    for (Forbidden f : forbidden) {
      if (f.path().matcher(withoutQuery).matches()) {
        return json(403, f.body());
      }
    }
    Matcher discovery = DISCOVERY.matcher(path);
    if ("GET".equals(request.getMethod()) && discovery.matches()) {
      String group = discovery.group("core") != null ? "" : discovery.group("group");
      String groupVersion = discovery.group("core") != null
          ? discovery.group("core") : group + "/" + discovery.group("version");
      if (BUILT_IN_GROUPS.contains(group)) {
        List<BuiltIn> served = BY_GROUP_VERSION.get(groupVersion);
        return served == null ? json(404, BUILT_IN_NOT_FOUND) : json(200, resourceList(
            groupVersion, served));
      }
      // The CRUD dispatcher lists the CRDs it holds, and answers anything else with an empty list.
      MockResponse crd = super.dispatch(request);
      String body = crd.getBody() == null ? null : crd.getBody().readUtf8();
      if (body != null) {
        crd.setBody(body); // reading drained it
      }
      return !listsResources(crd.code(), body)
          ? new MockResponse().setResponseCode(404)
              .addHeader("Content-Type", "text/plain; charset=utf-8").setBody(PAGE_NOT_FOUND)
          : crd;
    }
    return super.dispatch(request);
  }

  private static boolean listsResources(int code, String body) {
    if (code != 200 || body == null) {
      return false;
    }
    try {
      APIResourceList list = Serialization.unmarshal(body, APIResourceList.class);
      return list != null && list.getResources() != null && !list.getResources().isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String resourceList(String groupVersion, List<BuiltIn> served) {
    List<APIResource> resources = served.stream().map(b -> {
      APIResource r = new APIResource();
      r.setName(b.plural());
      r.setKind(b.kind());
      r.setNamespaced(b.namespaced());
      r.setVerbs(List.of("get", "list", "watch", "create", "update", "patch", "delete"));
      return r;
    }).toList();
    return Serialization.asJson(new APIResourceListBuilder().withGroupVersion(groupVersion)
        .withResources(resources).build());
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code)
        .addHeader("Content-Type", "application/json").setBody(body);
  }
}
