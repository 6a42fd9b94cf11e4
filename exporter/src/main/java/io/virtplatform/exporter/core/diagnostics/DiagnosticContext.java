package io.virtplatform.exporter.core.diagnostics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtplatform.exporter.core.cluster.ApiResolver;
import io.virtplatform.exporter.core.cluster.Informers;
import java.time.Clock;

/**
 * What a {@link Diagnostic} gets from the cluster view when it starts. Its metric store comes
 * through its constructor, like the other series trackers.
 */
public record DiagnosticContext(
    KubernetesClient client, Informers informers, ApiResolver apis, Clock clock) {}
