package io.virtplatform.exporter.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The single source of truth for every metric family the exporter exposes: name, type, HELP text
 * and label names. Alert rules, dashboards and runbooks are checked against {@link #names()}.
 *
 * <p>{@link Origin#STORE} families are per-object series rendered when objects change and held as
 * bytes in the metric store; {@link Origin#SELF} families describe the exporter itself and live in
 * client_java's registry.
 */
public enum ExportedMetric {
  COMPLIANCE_STATUS(Origin.STORE, "virt_platform_compliance_status", MetricType.GAUGE,
      "1 when the live object holds every golden-state field, 0 when it is missing, drifted or"
          + " unreadable. Absent while the resource is unmanaged or its API is not served.",
      "kind", "name", "namespace"),
  DRIFTED_FIELDS(Origin.STORE, "virt_platform_drifted_fields", MetricType.GAUGE,
      "Number of golden-state leaf fields whose live value differs or is absent; 0 when compliant.",
      "kind", "name", "namespace"),
  CUSTOMIZATION_INFO(Origin.STORE, "virt_platform_customization_info", MetricType.GAUGE,
      "1 for each customization in effect on a managed resource; type is unmanaged, patch or"
          + " ignore from its own annotations, or disabled alone when the HyperConverged CR's"
          + " platform.kubevirt.io/disabled-resources annotation lists it.",
      "kind", "name", "namespace", "type"),
  THRASHING_TOTAL(Origin.STORE, "virt_platform_thrashing_total", MetricType.COUNTER,
      "Edit-war episodes started on a managed resource since the exporter started.",
      "kind", "name", "namespace"),
  EDIT_WAR_ACTIVE(Origin.STORE, "virt_platform_edit_war_active", MetricType.GAUGE,
      "1 while an edit-war episode (repeated compliant/drifted flips) is in progress on a managed"
          + " resource, else 0.",
      "kind", "name", "namespace"),
  EDIT_WAR_ACTOR_INFO(Origin.STORE, "virt_platform_edit_war_actor_info", MetricType.GAUGE,
      "1 for each field manager (from metadata.managedFields) that last wrote a field whose change"
          + " flipped the compliance of a managed resource during its running edit-war episode."
          + " Absent when no episode runs, and for flips no manager is recorded for (removals,"
          + " deletions).",
      "kind", "name", "namespace", "manager"),
  PAUSED_RESOURCES(Origin.STORE, "virt_platform_paused_resources", MetricType.GAUGE,
      "1 while a managed resource carries platform.kubevirt.io/reconcile-paused=true, else 0.",
      "kind", "name", "namespace"),
  DISABLED_RESOURCES_PROBLEMS(Origin.STORE, "virt_platform_disabled_resources_problems",
      MetricType.GAUGE,
      "Problems in the platform.kubevirt.io/disabled-resources annotation of a HyperConverged CR:"
          + " 1 when it is not a YAML list of entries, which then disables nothing; otherwise the"
          + " number of entries skipped for a missing kind or name or an invalid pattern; 0 when it"
          + " is well-formed. No series for a CR without the annotation.",
      "kind", "name", "namespace"),
  TOMBSTONE_STATUS(Origin.STORE, "virt_platform_tombstone_status", MetricType.GAUGE,
      "1 while an object that a tombstone of the golden state declares must not exist still"
          + " exists, 0 once it is gone (or its kind is not served). Absent while the exporter"
          + " cannot read the kind.",
      "kind", "name", "namespace"),
  MISSING_DEPENDENCY(Origin.STORE, "virt_platform_missing_dependency", MetricType.GAUGE,
      "1 when the API group/version does not serve the kind or its APIService is not Available,"
          + " 0 when it is served.",
      "group", "version", "kind"),
  COMPONENT_HEALTH(Origin.STORE, "virt_platform_component_health", MetricType.GAUGE,
      "1 when every workload of the platform component exists, is fully rolled out and all its"
          + " desired replicas are ready; 0 otherwise.",
      "component", "namespace"),
  COMPONENT_READY_REPLICAS(Origin.STORE, "virt_platform_component_ready_replicas",
      MetricType.GAUGE,
      "Ready replicas (pods for a DaemonSet) of one workload of a platform component.",
      "component", "namespace", "workload"),
  COMPONENT_DESIRED_REPLICAS(Origin.STORE, "virt_platform_component_desired_replicas",
      MetricType.GAUGE,
      "Desired replicas (scheduled pods for a DaemonSet) of one workload of a platform component.",
      "component", "namespace", "workload"),
  COMPONENT_VERSION_INFO(Origin.STORE, "virt_platform_component_version_info", MetricType.GAUGE,
      "Always 1; names the image each container of a platform component's workload runs.",
      "component", "namespace", "workload", "container", "image"),
  WEBHOOK_ENDPOINT_READY(Origin.STORE, "virt_platform_webhook_endpoint_ready", MetricType.GAUGE,
      "1 when the Service a platform admission webhook calls exists, exposes the webhook's port"
          + " and has at least one ready endpoint in its EndpointSlices, else 0. type is validating"
          + " or mutating; failure_policy is the webhook's (Fail or Ignore). No series for"
          + " webhooks called by URL or through an ExternalName Service, which the exporter"
          + " cannot check.",
      "configuration", "webhook", "type", "service_namespace", "service", "failure_policy"),
  WEBHOOK_CA_EXPIRY_TIMESTAMP_SECONDS(Origin.STORE,
      "virt_platform_webhook_ca_expiry_timestamp_seconds", MetricType.GAUGE,
      "Unix time at which the earliest-expiring certificate in the caBundle of a platform"
          + " admission webhook expires. No series when the caBundle is empty, or is not"
          + " base64-encoded PEM certificates (the exporter then logs a warning).",
      "configuration", "webhook", "type"),
  DEFAULT_STORAGE_CLASSES(Origin.STORE, "virt_platform_default_storage_classes",
      MetricType.GAUGE,
      "Number of StorageClasses marked as a default: type=kubernetes counts"
          + " storageclass.kubernetes.io/is-default-class=\"true\" (or its beta form),"
          + " type=virtualization counts storageclass.kubevirt.io/is-default-virt-class=\"true\".",
      "type"),

  // Checks from the troubleshooting documents: DataVolumes and CDI worker pods.
  DATAVOLUMES(Origin.STORE, "virt_platform_datavolumes", MetricType.GAUGE,
      "Number of CDI DataVolumes in the namespace by status.phase; phase is Unset until CDI sets"
          + " one. No series for a phase that no DataVolume of the namespace is in.",
      "namespace", "phase"),
  DATAVOLUME_STUCK_AGE_SECONDS(Origin.STORE, "virt_platform_datavolume_stuck_age_seconds",
      MetricType.GAUGE,
      "Seconds since creation of a DataVolume that has not reached phase Succeeded within the"
          + " configured stuckAfter (1h by default); phase is its current phase. Absent otherwise,"
          + " and for DataVolumes that wait for a consumer (WaitForFirstConsumer,"
          + " PendingPopulation) or are Paused.",
      "namespace", "name", "phase"),
  CDI_WORKER_POD_RESTARTS_TOTAL(Origin.STORE, "virt_platform_cdi_worker_pod_restarts_total",
      MetricType.COUNTER,
      "Container restarts of the CDI importer, upload or clone pod name, init and regular"
          + " containers summed, as the pod's status reports them.",
      "namespace", "name"),
  CDI_WORKER_POD_WAITING(Origin.STORE, "virt_platform_cdi_worker_pod_waiting", MetricType.GAUGE,
      "1 while the CDI importer, upload or clone pod name cannot run its containers. reason is"
          + " Unschedulable, else the reason its first waiting container gives (such as"
          + " ContainerCreating, CrashLoopBackOff or ImagePullBackOff), else Pending. Absent while"
          + " its containers run and once it has finished.",
      "namespace", "name", "reason"),

  DATAVOLUME_QUOTA_INSUFFICIENT(Origin.STORE, "virt_platform_datavolume_quota_insufficient",
      MetricType.GAUGE,
      "1 while a DataVolume waiting to import (phase Unset, Pending, PVCBound or ImportScheduled)"
          + " cannot start because a ResourceQuota of its namespace leaves less requests.storage"
          + " free than the import still needs: twice its requested size, as CDI adds a scratch"
          + " PVC of the same size, less what its existing target PVC already uses. Absent"
          + " otherwise, and for DataVolumes that give no size.",
      "namespace", "name"),
  CDI_SCRATCH_STORAGE_CLASS_MISSING(Origin.STORE,
      "virt_platform_cdi_scratch_storage_class_missing", MetricType.GAUGE,
      "1 when the StorageClass that a CDIConfig's status.scratchSpaceStorageClass names does not"
          + " exist, so imports that need scratch space stay Pending; 0 when it exists. No series"
          + " while the CDIConfig names none.",
      "name", "storage_class"),

  // Checks from the troubleshooting documents: object lifecycle (stuck deletions, dangling owners).
  STUCK_TERMINATING_SECONDS(Origin.STORE, "virt_platform_stuck_terminating_seconds",
      MetricType.GAUGE,
      "Seconds since deletion was requested (metadata.deletionTimestamp) of an object that the"
          + " finalizer still holds, once that exceeds the configured terminatingAfter (15m by"
          + " default); one series per remaining finalizer. Absent for objects not being deleted"
          + " or deleted more recently.",
      "kind", "namespace", "name", "finalizer"),
  DANGLING_OWNER_REFERENCES(Origin.STORE, "virt_platform_dangling_owner_references",
      MetricType.GAUGE,
      "Objects of the kind in the namespace with a dangling ownerReference: reason"
          + " owner_kind_unserved when the API server does not serve the owner's apiVersion and"
          + " kind, owner_missing when the owner's kind is served but no object with its uid has"
          + " existed for 10s (the garbage collector deletes such objects). No series when there"
          + " are none.",
      "kind", "namespace", "owner_api_version", "owner_kind", "reason"),
  DANGLING_OWNER_REFERENCES_OBSERVED_TOTAL(Origin.STORE,
      "virt_platform_dangling_owner_references_observed_total", MetricType.COUNTER,
      "Objects seen with a dangling ownerReference since the exporter started, each object once"
          + " per owner kind and reason (owner_kind_unserved, owner_missing). Also counts objects"
          + " that the garbage collector deletes before a scrape can see them.",
      "kind", "namespace", "owner_api_version", "owner_kind", "reason"),

  // Checks from the troubleshooting documents: the platform operators' CRs.
  OPERATOR_CONDITION(Origin.STORE, "virt_platform_operator_condition", MetricType.GAUGE,
      "One series per status (True, False, Unknown) of each status.conditions entry of a platform"
          + " operator's CR (KubeVirt, CDI, HyperConverged, SSP by default): 1 for the condition's"
          + " current status, 0 for the other two. A status outside those three counts as Unknown."
          + " No series for a kind the cluster does not serve.",
      "kind", "name", "namespace", "condition", "status"),
  OPERATOR_VERSION_INFO(Origin.STORE, "virt_platform_operator_version_info", MetricType.GAUGE,
      "Always 1; the versions a platform operator's CR reports: observed_version is rolled out,"
          + " target_version is being rolled out, operator_version is the operator's own. Empty"
          + " where the CR does not say (HyperConverged reports only its observed version). No"
          + " series when the CR reports none.",
      "kind", "name", "namespace", "observed_version", "target_version", "operator_version"),
  OPERATOR_UPGRADE_STUCK_SECONDS(Origin.STORE, "virt_platform_operator_upgrade_stuck_seconds",
      MetricType.GAUGE,
      "Seconds since an upgrade began (the Progressing condition last turned True, else when the"
          + " exporter first saw the versions differ) of a platform operator's CR whose observed"
          + " version still differs from its target version, once that exceeds the configured"
          + " upgradeStuckAfter (1h by default). Absent otherwise.",
      "kind", "name", "namespace", "observed_version", "target_version"),

  // Checks from the troubleshooting documents: versions against compatibility matrices.
  COMPONENT_COMPATIBLE(Origin.STORE, "virt_platform_component_compatible", MetricType.GAUGE,
      "1 when every version the component's images carry that its compatibility matrix covers"
          + " works with every version the required component's images carry, 0 when one does"
          + " not. Versions are semantic-version image tags. No series when either runs no such"
          + " tag (digest only, latest), or the matrix covers none of the component's versions.",
      "component", "requires"),

  EXPORTER_BUILD_INFO(Origin.SELF, "virt_platform_exporter_build_info", MetricType.GAUGE,
      "Always 1; the version of the running virt-platform-exporter.",
      "version"),
  EXPORTER_INFORMER_SYNCED(Origin.SELF, "virt_platform_exporter_informer_synced",
      MetricType.GAUGE,
      "1 when every informer of the resource has completed its initial list and is watching"
          + " while the API server answers, else 0.",
      "resource"),
  EXPORTER_WATCH_ERRORS_TOTAL(Origin.SELF, "virt_platform_exporter_watch_errors_total",
      MetricType.COUNTER,
      "Failed lists and lost watches of the informers for the resource since the exporter"
          + " started.",
      "resource"),
  EXPORTER_CONFIG_RELOAD_SUCCESS(Origin.SELF, "virt_platform_exporter_config_reload_success",
      MetricType.GAUGE,
      "1 when the last load of the config and golden state succeeded, 0 when it failed and the"
          + " last good config is still in use."),
  EXPORTER_CONFIG_LAST_RELOAD_SUCCESS_TIMESTAMP_SECONDS(Origin.SELF,
      "virt_platform_exporter_config_last_reload_success_timestamp_seconds", MetricType.GAUGE,
      "Unix time of the last successful load of the config and golden state."),
  EXPORTER_LAST_EVALUATION_TIMESTAMP_SECONDS(Origin.SELF,
      "virt_platform_exporter_last_evaluation_timestamp_seconds", MetricType.GAUGE,
      "Unix time at which the exporter last saw every readable informer watching an answering"
          + " API server, so that its series were current."),
  EXPORTER_SCRAPE_ERRORS_TOTAL(Origin.SELF, "virt_platform_exporter_scrape_errors_total",
      MetricType.COUNTER,
      "/metrics responses the exporter could not write completely since it started. reason is"
          + " write_timeout when the client accepted no data for the exporter's write timeout and"
          + " the exporter closed the connection, client_disconnected when the client closed the"
          + " connection first, as Prometheus does when its scrape timeout expires.",
      "reason"),
  EXPORTER_TLS_RELOAD_SUCCESS(Origin.SELF, "virt_platform_exporter_tls_reload_success",
      MetricType.GAUGE,
      "1 when the TLS files of the web config loaded the last time they changed, 0 when they"
          + " changed and cannot be loaded and the previous certificate is still served. files is"
          + " serving_certificate (cert_file and key_file) or client_ca (client_ca_file). No"
          + " series without TLS.",
      "files");

  /** Where the family's samples come from. */
  public enum Origin {
    STORE,
    SELF
  }

  private final Origin origin;
  private final String metricName;
  private final MetricType type;
  private final String help;
  private final List<String> labelNames;

  ExportedMetric(Origin origin, String metricName, MetricType type, String help,
      String... labelNames) {
    this.origin = origin;
    this.metricName = metricName;
    this.type = type;
    this.help = help;
    this.labelNames = List.of(labelNames);
  }

  public Origin origin() {
    return origin;
  }

  /** The sample name, including {@code _total} for counters and {@code _info} for info gauges. */
  public String metricName() {
    return metricName;
  }

  public MetricType type() {
    return type;
  }

  public String help() {
    return help;
  }

  public List<String> labelNames() {
    return labelNames;
  }

  /** Every sample name the exporter can expose under the {@code virt_platform_} prefix. */
  public static Set<String> names() {
    return Arrays.stream(values()).map(ExportedMetric::metricName).collect(Collectors.toSet());
  }
}
