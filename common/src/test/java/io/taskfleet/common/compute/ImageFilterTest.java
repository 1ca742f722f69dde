package io.taskfleet.common.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFilterTest {

  @Test
  void grayscaleWeighsGreenMostAndBlueLeast() {
    byte[] rgb = {
      (byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255
    };

    int[] gray = ImageFilter.grayscale(4, 1, rgb);

    assertThat(gray).containsExactly(76, 149, 28, 255);
  }

  @Test
  void normaliseStretchesToTheFullRangeAndLeavesAFlatImageBlack() {
    int[] gray = {10, 20, 30};
    int[] flat = {7, 7};

    ImageFilter.normalise(gray);
    ImageFilter.normalise(flat);

    assertThat(gray).containsExactly(0, 127, 255);
    assertThat(flat).containsExactly(0, 0);
  }

  @Test
  void boxBlurAveragesTheNeighbourhoodRepeatingTheBorder() {
    // 3x3 with a single bright centre: every pixel's neighbourhood holds the centre once.
    int[] gray = {0, 0, 0, 0, 90, 0, 0, 0, 0};

    int[] blurred = ImageFilter.boxBlur(3, 3, gray);

    // The corner sees itself 4 times (clamped), its two edge neighbours twice, the centre once.
    assertThat(blurred).containsExactly(10, 10, 10, 10, 10, 10, 10, 10, 10);
    assertThat(ImageFilter.boxBlur(2, 1, new int[] {0, 9}))
        .as("a 1-row image repeats its row: (0+0+9)*3/9 and (0+9+9)*3/9")
        .containsExactly(3, 6);
  }

  @Test
  void checksumIsTheWholePipelineAndDependsOnPixelOrder() {
    byte[] rgb = {0, 0, 0, (byte) 255, (byte) 255, (byte) 255};
    byte[] swapped = {(byte) 255, (byte) 255, (byte) 255, 0, 0, 0};

    // gray {0,255} → normalised {0,255} → blurred {85,170} → 31*(31*1+85)+170
    assertThat(ImageFilter.checksum(2, 1, rgb)).isEqualTo(31L * (31 + 85) + 170);
    assertThat(ImageFilter.checksum(2, 1, swapped)).isNotEqualTo(ImageFilter.checksum(2, 1, rgb));
  }

  @Test
  void randomImagesAreTheSameForTheSameSeedAndDifferOtherwise() {
    byte[] a = RandomImages.rgb(42, 7, 5);

    assertThat(a)
        .hasSize(105)
        .isEqualTo(RandomImages.rgb(42, 7, 5))
        .isNotEqualTo(RandomImages.rgb(43, 7, 5));
    assertThat(ImageFilter.checksum(7, 5, a))
        .isEqualTo(ImageFilter.checksum(7, 5, RandomImages.rgb(42, 7, 5)));
  }
}
