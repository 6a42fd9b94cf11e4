package io.virtplatform.exporter.core.golden;

import io.virtplatform.exporter.core.model.CompactDocument;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One document of the golden state: a partial Kubernetes object. Its content is kept deflated
 * ({@link CompactDocument}: a golden state of 10k objects would otherwise hold 10k trees of maps,
 * 3.9 KB each for a small ConfigMap) and read back by {@link #desired()}.
 */
public final class GoldenObject {

  private final ResourceRef ref;
  private final CompactDocument document;
  // The source's parts rather than a SourceLocation: they fit in the padding of this object, the
  // location would take 24 bytes more per document. source() makes one on request.
  private final Path sourceFile;
  private final int sourceLine;
  private final boolean tombstone;

  /**
   * @param desired the whole document as plain Java maps, lists and scalars (apiVersion, kind and
   *     metadata included), exactly as it was parsed
   * @param tombstone the document comes from a tombstone directory: the object must not exist, and
   *     {@code desired} names it only
   */
  public GoldenObject(ResourceRef ref, Map<String, Object> desired, SourceLocation source,
      boolean tombstone) {
    this(ref, CompactDocument.of(desired), source, tombstone);
  }

  /**
   * @param document the whole document, as {@link #GoldenObject(ResourceRef, Map, SourceLocation,
   *     boolean)} takes it, deflated (e.g. against the other documents of its kind)
   */
  public GoldenObject(ResourceRef ref, CompactDocument document, SourceLocation source,
      boolean tombstone) {
    this.ref = Objects.requireNonNull(ref);
    this.document = Objects.requireNonNull(document);
    this.sourceFile = source == null ? null : source.file();
    this.sourceLine = source == null ? 0 : source.line();
    this.tombstone = tombstone;
  }

  /** An object that must exist and hold {@code desired}. */
  public GoldenObject(ResourceRef ref, Map<String, Object> desired, SourceLocation source) {
    this(ref, desired, source, false);
  }

  /** The same document, as a tombstone. */
  public GoldenObject asTombstone() {
    return new GoldenObject(ref, document, source(), true);
  }

  public ResourceRef ref() {
    return ref;
  }

  /** The document, read anew on each call: a copy the caller may keep. */
  public Map<String, Object> desired() {
    return document.toMap();
  }

  public SourceLocation source() {
    return sourceFile == null ? null : new SourceLocation(sourceFile, sourceLine);
  }

  public boolean tombstone() {
    return tombstone;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoldenObject other && ref.equals(other.ref)
        && document.equals(other.document) && Objects.equals(sourceFile, other.sourceFile)
        && sourceLine == other.sourceLine
        && tombstone == other.tombstone;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ref, document, sourceFile, sourceLine, tombstone);
  }

  @Override
  public String toString() {
    return (tombstone ? "tombstone " : "golden ") + ref + " at " + source();
  }
}
