package io.virtplatform.exporter.core.editwar;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who wrote the golden fields whose change flipped a managed resource's compliance: the actors of
 * an edit war. Implemented where managedFields are read ({@code core.drift.FieldWriters}), so that
 * the series trackers need not know their format.
 */
@FunctionalInterface
public interface FlipWriters {

  /**
   * @param compared the golden document as compared, which {@code pointers} index into
   * @param pointers the golden fields that flipped
   * @param live the live object with its {@code metadata.managedFields}
   * @return each field manager that last wrote one of those fields, with the fields' live paths;
   *     a field no entry owns (a removed one) names no one
   */
  Map<String, Set<String>> of(Map<String, Object> compared, List<String> pointers,
      Map<String, Object> live);
}
