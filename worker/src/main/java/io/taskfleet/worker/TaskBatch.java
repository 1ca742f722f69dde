package io.taskfleet.worker;

import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Tasks of one message that run on compute threads. Rather than one hand-off per task, a few
 * runners (one per thread that may work on it) each take the next task not yet taken, run it, and
 * pass their results on in batches: once they have run for {@code streamNanos}, and when no task is
 * left. So a chunk of tiny tasks costs one hand-off and one event per runner, while the results of
 * a long chunk still stream back as they come.
 */
final class TaskBatch {

  private final List<Task> tasks;
  private final TaskHandler handler;
  private final long decodeNanos;
  private final boolean redelivered;
  private final UsageMeter usage;
  private final long streamNanos;
  private final Consumer<List<TaskResult>> sink;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param decodeNanos each task's share of its message's decode time
   * @param sink told each batch of results, on the compute thread that produced them
   */
  TaskBatch(
      List<Task> tasks,
      TaskHandler handler,
      long decodeNanos,
      boolean redelivered,
      UsageMeter usage,
      long streamNanos,
      Consumer<List<TaskResult>> sink) {
    this.tasks = tasks;
    this.handler = handler;
    this.decodeNanos = decodeNanos;
    this.redelivered = redelivered;
    this.usage = usage;
    this.streamNanos = streamNanos;
    this.sink = sink;
  }

  int size() {
    return tasks.size();
  }

  /** One runner; start up to one per thread, each runs until no task is left. */
  Runnable runner() {
    return this::run;
  }

  private void run() {
    UsageMeter.Counters mine = usage.current();
    List<TaskResult> results = new ArrayList<>();
    long since = System.nanoTime();
    int i;
    while ((i = next.getAndIncrement()) < tasks.size()) {
      TaskResult result = handler.compute(tasks.get(i), decodeNanos, redelivered);
      mine.compute(result.timings().computeNanos());
      results.add(result);
      long now = System.nanoTime();
      if (now - since >= streamNanos) {
        sink.accept(results);
        results = new ArrayList<>();
        since = now;
      }
    }
    if (!results.isEmpty()) {
      sink.accept(results);
    }
  }
}
