package io.virtplatform.exporter.core.health;

/** One container of a workload's pod template and the image it runs. */
public record ContainerImage(String container, String image) {}
