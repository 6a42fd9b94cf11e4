package io.virtplatform.exporter.core.diagnostics.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uids are kept as two longs when they are canonical UUIDs, as text otherwise, and compare as their strings. */
class UidTest {

  @Test
  void aCanonicalUuidIsKeptAsItsTwoHalvesAndWrittenBackTheSame() {
    for (int i = 0; i < 200; i++) {
      String text = UUID.randomUUID().toString();
      Uid uid = Uid.of(text);
      assertThat(uid.text()).as(text).isNull();
      assertThat(uid.high()).isEqualTo(UUID.fromString(text).getMostSignificantBits());
      assertThat(uid.low()).isEqualTo(UUID.fromString(text).getLeastSignificantBits());
      assertThat(uid).hasToString(text).isEqualTo(Uid.of(new String(text)));
    }
    assertThat(Uid.of("00000000-0000-0000-0000-000000000000")).hasToString(
        "00000000-0000-0000-0000-000000000000");
    assertThat(Uid.of("ffffffff-ffff-ffff-ffff-ffffffffffff")).hasToString(
        "ffffffff-ffff-ffff-ffff-ffffffffffff");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uid-1", "", "1-2-3-4-5",
      "6F9619FF-8B86-D011-B42D-00C04FC964FF", // uppercase: UUID.fromString would accept it
      "6f9619ff-8b86-d011-b42d-00c04fc964f\u0661", // an Arabic-Indic digit one
      "6f9619ff+8b86-d011-b42d-00c04fc964ff", "6f9619ff-8b86-d011-b42d-00c04fc964fg",
      "6f9619ff-8b86-d011-b42d-00c04fc964fff"})
  void anyOtherStringIsKeptAsItIs(String text) {
    Uid uid = Uid.of(text);
    assertThat(uid.text()).isEqualTo(text);
    assertThat(uid).hasToString(text).isEqualTo(Uid.of(text));
  }

  @Test
  void twoUidsAreEqualExactlyWhenTheirStringsAre() {
    String lower = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    assertThat(Uid.of(lower)).isNotEqualTo(Uid.of(lower.toUpperCase()));
    assertThat(Uid.of("1-2-3-4-5")).isNotEqualTo(Uid.of(UUID.fromString("1-2-3-4-5").toString()));
    assertThat(Uid.of(lower)).isNotEqualTo(Uid.of("6f9619ff-8b86-d011-b42d-00c04fc964fe"));
    assertThat(Uid.of(null)).isNull();
  }
}
