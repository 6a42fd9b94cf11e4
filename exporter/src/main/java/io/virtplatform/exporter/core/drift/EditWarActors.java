package io.virtplatform.exporter.core.drift;

import io.virtplatform.exporter.core.model.ResourceRef;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A managed resource in a running edit war, and who is fighting over it.
 *
 * @param actors each field manager that last wrote a field whose change flipped the resource's
 *     compliance during the episode, with those fields' live paths
 */
public record EditWarActors(ResourceRef ref, SortedMap<String, SortedSet<String>> actors) {}
