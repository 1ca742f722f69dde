package io.taskfleet.producer;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.TaskKind;
import io.taskfleet.client.Job;
import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.kinds.KindCalls;
import io.taskfleet.common.protocol.Task;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What to run, the same for every mode: how many tasks, of which kinds, with which parameters. This
 * is the one place where tasks are made and where the value each should return is known.
 *
 * <p>Task {@code id} is made from {@code specs[id % specs.size()]}: one spec for a workload given
 * by flags, one per line for a tasks file.
 *
 * @param kinds the kinds the producer knows (built in and from {@code --plugins}), which the
 *     in-process modes run
 * @param specs the kind and params of the tasks
 * @param tasks how many tasks
 * @param source where the specs come from, for people: empty for flags, else the tasks file
 */
public record Workload(KindRegistry kinds, List<TaskSpec> specs, int tasks, String source) {

  public Workload {
    specs = List.copyOf(specs);
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("a workload needs at least one task");
    }
    source = source == null ? "" : source;
  }

  /** {@code tasks} tasks of one built-in kind, all with the same params. */
  public Workload(String kind, Record params, int tasks) {
    this(
        KindRegistry.builtIn(),
        List.of(new TaskSpec(KindRegistry.builtIn().find(kind).orElseThrow(), params)),
        tasks,
        "");
  }

  /** The workload the configuration asks for, with {@code iterations} as the task size. */
  static Workload of(ProducerConfig config, long iterations) {
    return config.kindOptions().workload(iterations, config.tasks());
  }

  private TaskSpec spec(long id) {
    return specs.get((int) (id % specs.size()));
  }

  /** Task {@code id} of run {@code runId}. */
  public Task task(String runId, long id, long createdAtEpochMs) {
    TaskSpec spec = spec(id);
    return new Task(runId, id, spec.kind().name(), spec.paramsFor(id), createdAtEpochMs);
  }

  /**
   * The jobs of every task, for a client: a view that makes task {@code id}'s params when it is
   * read, so a million tasks are never held at once.
   */
  public List<Job<?>> jobs() {
    return new AbstractList<>() {
      @Override
      public Job<?> get(int id) {
        TaskSpec spec = spec(id);
        return Job.of(spec.kind(), spec.paramsFor(id));
      }

      @Override
      public int size() {
        return tasks;
      }
    };
  }

  /**
   * The value task {@code id} must return, by task id; empty when it cannot be known in advance
   * (http: the byte count depends on the server). Values that need computing (image checksums) are
   * computed here, in parallel, so call this before the clock starts.
   */
  public LongFunction<OptionalLong> expectedValues() {
    if (specs.size() == 1) {
      TaskSpec only = specs.get(0);
      // Params the same for every task: one value for all.
      if (only.paramsFor(0) == only.params()) {
        OptionalLong value = KindCalls.expectedValue(only.kind(), only.params());
        return id -> value;
      }
    }
    OptionalLong[] values =
        IntStream.range(0, tasks)
            .parallel()
            .mapToObj(id -> KindCalls.expectedValue(spec(id).kind(), spec(id).paramsFor(id)))
            .toArray(OptionalLong[]::new);
    return id -> id >= 0 && id < values.length ? values[(int) id] : OptionalLong.empty();
  }

  /** The kinds of the tasks, e.g. {@code cpu}, or {@code cpu+sha256} for a mixed tasks file. */
  public String kindName() {
    return specs.stream().map(s -> s.kind().name()).distinct().collect(Collectors.joining("+"));
  }

  /** The distinct kinds of the tasks. */
  public List<TaskKind<?>> kindsUsed() {
    return specs.stream().map(TaskSpec::kind).distinct().toList();
  }

  /** What each task does, for people: {@code image, 256x256 RGB}. */
  public String describe() {
    if (source.isEmpty() && specs.size() == 1) {
      TaskSpec only = specs.get(0);
      return KindCalls.describe(only.kind(), only.params());
    }
    return specs.size() + " task(s) of " + kindName() + " from " + source;
  }

  /**
   * The task size: {@code iterations} when every task's params have a component of that name (the x
   * axis of the sweep), else 0.
   */
  public long iterations() {
    if (specs.size() != 1) {
      return 0;
    }
    Record params = specs.get(0).params();
    if (params instanceof CpuParams cpu) {
      return cpu.iterations();
    }
    return Arrays.stream(params.getClass().getRecordComponents())
        .filter(c -> c.getName().equals("iterations"))
        .filter(c -> c.getType() == long.class || c.getType() == int.class)
        .findFirst()
        .map(
            c -> {
              try {
                return ((Number) c.getAccessor().invoke(params)).longValue();
              } catch (ReflectiveOperationException | RuntimeException e) {
                return 0L;
              }
            })
        .orElse(0L);
  }
}
