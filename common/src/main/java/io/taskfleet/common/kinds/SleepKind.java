package io.taskfleet.common.kinds;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.FleetException;
import java.util.Map;
import java.util.OptionalLong;

/** {@code sleep}: waits {@code sleepMs}, the I/O-bound case where threads help without cores. */
public final class SleepKind implements TaskKind<SleepParams> {

  public static final String NAME = "sleep";

  /** The longest sleep the protocol allows; a worker may accept less (--max-sleep-ms). */
  public static final long MAX_SLEEP_MS = 3_600_000L;

  public static final String MAX_SLEEP_MS_LIMIT = "max-sleep-ms";
  public static final long DEFAULT_MAX_SLEEP_MS = 60_000L;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<SleepParams> paramsType() {
    return SleepParams.class;
  }

  @Override
  public void validate(SleepParams params, Limits limits) {
    long ms = params.sleepMs();
    if (ms < 0 || ms > MAX_SLEEP_MS) {
      throw new InvalidTaskException(
          "params.sleepMs must be 0.." + MAX_SLEEP_MS + ", was " + params.sleepMs());
    }
    limits.check("params.sleepMs", ms, MAX_SLEEP_MS_LIMIT, DEFAULT_MAX_SLEEP_MS);
  }

  @Override
  public TaskValue compute(SleepParams params, TaskContext context) {
    try {
      Thread.sleep(params.sleepMs());
      return TaskValue.of(params.sleepMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("interrupted while sleeping", e);
    }
  }

  @Override
  public OptionalLong expectedValue(SleepParams params) {
    return OptionalLong.of(params.sleepMs());
  }

  @Override
  public Map<String, Long> defaultLimits() {
    return Map.of(MAX_SLEEP_MS_LIMIT, DEFAULT_MAX_SLEEP_MS);
  }

  @Override
  public boolean ioBound() {
    return true;
  }

  @Override
  public String describe(SleepParams params) {
    return "sleep, " + params.sleepMs() + " ms";
  }
}
