package io.taskfleet.common.kinds;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.compute.CpuLoop;
import io.taskfleet.common.text.Numbers;
import java.util.Map;
import java.util.OptionalLong;

/** {@code cpu}: the seed's loop, the sum of 0..iterations-1. CPU-bound. */
public final class CpuKind implements TaskKind<CpuParams> {

  public static final String NAME = "cpu";
  public static final String MAX_ITERATIONS = "max-iterations";
  public static final long DEFAULT_MAX_ITERATIONS = 10_000_000_000L;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<CpuParams> paramsType() {
    return CpuParams.class;
  }

  @Override
  public void validate(CpuParams params, Limits limits) {
    if (params.iterations() < 0) {
      throw new InvalidTaskException("params.iterations must be >= 0, was " + params.iterations());
    }
    limits.check("params.iterations", params.iterations(), MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS);
  }

  @Override
  public TaskValue compute(CpuParams params, TaskContext context) {
    return TaskValue.of(CpuLoop.sum(params.iterations()));
  }

  /** The closed form of the loop: n(n-1)/2. */
  @Override
  public OptionalLong expectedValue(CpuParams params) {
    long n = params.iterations();
    return OptionalLong.of(n * (n - 1) / 2);
  }

  @Override
  public Map<String, Long> defaultLimits() {
    return Map.of(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS);
  }

  @Override
  public String describe(CpuParams params) {
    return "cpu, " + Numbers.grouped(params.iterations()) + " iterations";
  }
}
