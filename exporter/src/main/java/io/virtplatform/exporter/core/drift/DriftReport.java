package io.virtplatform.exporter.core.drift;

import java.util.List;

/**
 * What the drift explainer shows.
 *
 * @param judged how many managed resources have been judged; those whose API has not been listed
 *     yet, or is not served, are not
 * @param resources every managed resource that is not compliant, sorted by kind, namespace, name
 * @param customizations every managed resource with a customization in effect, compliant or not,
 *     in the same order
 */
public record DriftReport(
    int judged, List<ResourceDrift> resources, List<CustomizedResource> customizations) {

  public DriftReport {
    resources = List.copyOf(resources);
    customizations = List.copyOf(customizations);
  }
}
