package io.virtplatform.exporter.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtplatform.exporter.testing.RandomInputs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The diff of any two JSON-like documents: no exception, and pointers that are valid. */
class SubsetDiffPropertiesTest {

  @Test
  void anyTwoDocumentsCompareWithoutException() {
    RandomInputs.forEachSeed(5000, seed -> {
      RandomInputs random = new RandomInputs(seed);
      Map<String, Object> desired = random.jsonMap(4);
      Map<String, Object> live = random.chance(10) ? null : random.jsonMap(4);
      Set<String> ignored = random.chance(30)
          ? Set.of(random.pick(List.of("/a", "/name/0", "/b/key", "/~1", "/", "")))
          : Set.of();

      List<FieldDifference> differences = SubsetDiff.diff(desired, live, ignored);

      assertThat(differences).allSatisfy(d -> {
        assertThat(JsonPointers.problem(d.pointer())).isEmpty();
        assertThat(ignored).noneMatch(prefix -> JsonPointers.covers(prefix, d.pointer()));
      });
    });
  }

  @Test
  void everyDocumentSatisfiesItself() {
    RandomInputs.forEachSeed(5000, seed -> {
      Map<String, Object> document = new RandomInputs(seed).jsonMap(4);

      assertThat(SubsetDiff.diff(document, document, Set.of())).as("%s", document).isEmpty();
    });
  }
}
