package io.virtplatform.exporter.core.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-object series of the {@link ExportedMetric.Origin#STORE} families, rendered to exposition
 * text when an object changes (as kube-state-metrics does) so that a scrape only concatenates
 * bytes: families in catalog order, owners in key order, no sorting or copying of all series.
 *
 * <p>An owner is whatever produces a group of series, usually one Kubernetes object; its key also
 * fixes where its lines appear. Writers and scrapes may run concurrently and never wait for each
 * other; a scrape sees each family as one moment left it: every put to that family before that
 * moment, none after, so never part of an owner's lines.
 */
public final class MetricStore {

  private static final byte[][] NO_TAIL = new byte[0][];

  private final Map<ExportedMetric, FamilySeries> families;

  public MetricStore(Collection<ExportedMetric> families) {
    Map<ExportedMetric, FamilySeries> byMetric = new EnumMap<>(ExportedMetric.class);
    for (ExportedMetric family : families) {
      if (family.origin() != ExportedMetric.Origin.STORE) {
        throw new IllegalArgumentException(family.metricName()
            + " is not a store family; its series come from the self-metrics registry");
      }
      if (byMetric.put(family, new FamilySeries(family)) != null) {
        throw new IllegalArgumentException(family.metricName() + " is listed twice");
      }
    }
    this.families = Collections.unmodifiableMap(byMetric);
  }

  /** A store holding every store family of the catalog. */
  public static MetricStore forCatalog() {
    List<ExportedMetric> storeFamilies = Arrays.stream(ExportedMetric.values())
        .filter(metric -> metric.origin() == ExportedMetric.Origin.STORE)
        .toList();
    return new MetricStore(storeFamilies);
  }

  /**
   * Replaces the owner's series of the family with the samples, rendered now. An empty list
   * removes the owner from the family.
   *
   * @throws IllegalArgumentException if the family is not held, a sample's label count differs
   *     from the family's label names, or a counter value is negative or NaN; the owner's
   *     previous series are then kept
   */
  public void put(ExportedMetric family, String ownerKey, List<Sample> samples) {
    series(family).put(ownerKey, samples);
  }

  public void remove(ExportedMetric family, String ownerKey) {
    series(family).remove(ownerKey);
  }

  /** Drops every owner of the family not in the set, e.g. after a relist or a config change. */
  public void retainOwners(ExportedMetric family, Set<String> ownerKeys) {
    series(family).retain(ownerKeys);
  }

  /**
   * Writes every held family: HELP and TYPE (also for families without series, so scrapers
   * learn their metadata), then the owners' lines. Writes no OpenMetrics {@code # EOF}; see
   * {@link MetricsExposition}.
   */
  public void writeTo(OutputStream out, ExpositionFormat format) throws IOException {
    scrape(format, NO_TAIL).writeTo(out);
  }

  /**
   * What {@link #writeTo} writes, followed by the arrays of {@code tail}, as references to the rendered bytes
   * rather than a copy: rendered bytes are replaced, never modified, so the result can be read
   * after this returns, however slowly, and still shows each family as one moment left it.
   */
  public ScrapeBytes scrape(ExpositionFormat format, byte[][] tail) {
    byte[][] headers = new byte[families.size()][];
    ChunkedLines.Snapshot[] lines = new ChunkedLines.Snapshot[families.size()];
    int i = 0;
    for (FamilySeries series : families.values()) {
      headers[i] = series.header(format);
      lines[i] = series.lines();
      i++;
    }
    return new ScrapeBytes(headers, lines, tail);
  }

  private FamilySeries series(ExportedMetric family) {
    FamilySeries series = families.get(family);
    if (series == null) {
      throw new IllegalArgumentException("this store does not hold " + family.metricName());
    }
    return series;
  }
}
