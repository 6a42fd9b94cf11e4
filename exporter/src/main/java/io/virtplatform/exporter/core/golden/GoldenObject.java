package io.virtplatform.exporter.core.golden;

import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.util.Map;

/**
 * One document of the golden state: a partial Kubernetes object. {@code desired} is the whole
 * document as plain Java maps, lists and scalars (apiVersion, kind and metadata included), exactly
 * as it was parsed.
 *
 * @param tombstone the document comes from a tombstone directory: the object must not exist, and
 *     {@code desired} names it only
 */
public record GoldenObject(ResourceRef ref, Map<String, Object> desired, SourceLocation source,
    boolean tombstone) {

  /** An object that must exist and hold {@code desired}. */
  public GoldenObject(ResourceRef ref, Map<String, Object> desired, SourceLocation source) {
    this(ref, desired, source, false);
  }
}
