package io.taskfleet.common.kinds;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.compute.ImageFilter;
import io.taskfleet.common.compute.RandomImages;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code image}: the seed's numpy idea. Grayscale, normalise and blur an RGB image carried in the
 * task; the value is a checksum. A workload's template gives the size only: each task's pixels are
 * drawn from its id ({@link RandomImages}), so the producer knows each checksum without keeping the
 * images.
 */
public final class ImageKind implements TaskKind<ImageParams> {

  public static final String NAME = "image";

  /** The widest and tallest image the protocol allows; a worker may accept less. */
  public static final int MAX_IMAGE_SIDE = 16_384;

  public static final String MAX_IMAGE_PIXELS = "max-image-pixels";
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 2048L * 2048;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<ImageParams> paramsType() {
    return ImageParams.class;
  }

  @Override
  public void validate(ImageParams params, Limits limits) {
    checkSize(params.width(), params.height());
    if (params.pixels() == null) {
      throw new InvalidTaskException(
          "image task needs params.width, params.height and params.pixels");
    }
    long expected = 3L * params.width() * params.height();
    if (params.pixels().length != expected) {
      throw new InvalidTaskException(
          "params.pixels must hold width x height x 3 = "
              + expected
              + " bytes (RGB), had "
              + params.pixels().length);
    }
    limits.check(
        "image of " + params.width() + "x" + params.height() + " pixels,",
        (long) params.width() * params.height(),
        MAX_IMAGE_PIXELS,
        DEFAULT_MAX_IMAGE_PIXELS);
  }

  /** Throws unless both sides are 1..{@link #MAX_IMAGE_SIDE}. */
  public static void checkSize(int width, int height) {
    if (width < 1 || width > MAX_IMAGE_SIDE || height < 1 || height > MAX_IMAGE_SIDE) {
      throw new InvalidTaskException(
          "image size must be 1.." + MAX_IMAGE_SIDE + " on each side, was " + width + "x" + height);
    }
  }

  @Override
  public TaskValue compute(ImageParams params, TaskContext context) {
    return TaskValue.of(ImageFilter.checksum(params.width(), params.height(), params.pixels()));
  }

  /** The checksum, computed here: the producer does this for every task before the clock. */
  @Override
  public OptionalLong expectedValue(ImageParams params) {
    return OptionalLong.of(ImageFilter.checksum(params.width(), params.height(), params.pixels()));
  }

  /** A template without pixels gets pixels drawn from the task id. */
  @Override
  public ImageParams forTask(ImageParams template, long taskId) {
    if (template.pixels() != null) {
      return template;
    }
    int w = template.width();
    int h = template.height();
    return new ImageParams(w, h, RandomImages.rgb(taskId, w, h));
  }

  @Override
  public Map<String, Long> defaultLimits() {
    return Map.of(MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS);
  }

  @Override
  public String describe(ImageParams params) {
    return "image, " + params.width() + "x" + params.height() + " RGB";
  }
}
