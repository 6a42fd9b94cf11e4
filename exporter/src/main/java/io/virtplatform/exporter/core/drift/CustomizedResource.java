package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.model.ResourceRef;

/** A managed resource whose live object carries at least one customization annotation. */
public record CustomizedResource(ResourceRef ref, Customizations customizations) {}
