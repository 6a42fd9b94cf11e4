package io.virtplatform.exporter.core.drift;

import java.util.List;

/**
 * What the drift explainer shows.
 *
 * @param judged how many managed resources have been judged; those whose API has not been listed
 *     yet, or is not served, are not
 * @param resources every managed resource that is not compliant, sorted by kind, namespace, name
 * @param customizations every managed resource with a customization in effect, compliant or not,
 *     in the same order; a resource the HyperConverged CR disables is listed with type disabled
 * @param editWars every managed resource whose edit-war episode is running, with its actors, in
 *     the same order
 * @param disabledResourcesProblems what is wrong with the HyperConverged CR's
 *     {@code platform.kubevirt.io/disabled-resources} annotation, which then disables nothing
 */
public record DriftReport(int judged, List<ResourceDrift> resources,
    List<CustomizedResource> customizations, List<EditWarActors> editWars,
    List<String> disabledResourcesProblems) {

  public DriftReport {
    resources = List.copyOf(resources);
    customizations = List.copyOf(customizations);
    editWars = List.copyOf(editWars);
    disabledResourcesProblems = List.copyOf(disabledResourcesProblems);
  }
}
