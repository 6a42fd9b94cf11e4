package io.virtplatform.exporter.core.editwar;

/** Edit-war status of one managed resource: whether an episode runs, and how many have started. */
public record EditWarState(boolean active, long episodes) {

  public static final EditWarState CALM = new EditWarState(false, 0);
}
