package io.taskfleet.common.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedTest {

  @Test
  void shortTextIsKeptAsItIs() {
    assertThat(Bounded.text("not JSON", 100)).isEqualTo("not JSON");
  }

  @Test
  void longTextIsCutWithAMarkerSayingHowMuchWasLeftOut() {
    String cut = Bounded.text("x".repeat(1_000_000), 10);

    assertThat(cut).isEqualTo("xxxxxxxxxx... (999,990 more chars)");
  }

  @Test
  void controlCharactersBecomeSpacesSoAMessageCannotForgeALogLine() {
    String cut = Bounded.text("a\nb\r\u0000c\u001b[2Jd\u0085e\u2028f\u007f", 100);

    assertThat(cut).isEqualTo("a b  c [2Jd e f ");
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String emoji = "\uD83D\uDE00";

    String cut = Bounded.text("a" + emoji + "b", 2);

    assertThat(cut).isEqualTo("a... (3 more chars)");
  }

  @Test
  void nullReadsAsNullAndANegativeBoundIsAMistake() {
    assertThat(Bounded.text(null, 5)).isEqualTo("null");
    assertThat(Bounded.text("")).isEmpty();
    assertThatThrownBy(() -> Bounded.text("x", -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultBoundKeepsAReasonToALineOrTwo() {
    assertThat(Bounded.text("y".repeat(5_000))).hasSizeLessThan(Bounded.DEFAULT_MAX_CHARS + 40);
  }
}
