package io.virtplatform.exporter.core.golden;

import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.util.Map;

/**
 * One document of the golden state: a partial Kubernetes object. {@code desired} is the whole
 * document as plain Java maps, lists and scalars (apiVersion, kind and metadata included), exactly
 * as it was parsed.
 */
public record GoldenObject(ResourceRef ref, Map<String, Object> desired, SourceLocation source) {}
