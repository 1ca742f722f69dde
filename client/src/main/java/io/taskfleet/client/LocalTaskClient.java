package io.taskfleet.client;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskKind;
import io.taskfleet.common.compute.Computation;
import io.taskfleet.common.compute.TaskComputer;
import io.taskfleet.common.kinds.KindCalls;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.common.time.EpochClock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Runs tasks in this process, with the same {@link TaskComputer} the workers use: on the calling
 * thread ({@link #sameThread()}: {@code submit} and {@code map} return once everything has run) or
 * on a pool of threads ({@link #threads(int)}). This process is the only worker of its results.
 */
public final class LocalTaskClient implements TaskClient {

  private final Executor executor;
  private final ExecutorService pool;
  private final int threads;
  private final String runIdPrefix;
  private final Map<String, TaskComputer> computers = new ConcurrentHashMap<>();
  private final EpochClock clock = new EpochClock();
  private final Set<BatchState> running = ConcurrentHashMap.newKeySet();
  private final Set<CompletableFuture<TaskResult>> pending = ConcurrentHashMap.newKeySet();
  private final String host = Identities.hostName();
  private final long pid = Identities.pid();
  private volatile boolean closed;

  private LocalTaskClient(Executor executor, ExecutorService pool, int threads, String prefix) {
    this.executor = executor;
    this.pool = pool;
    this.threads = threads;
    this.runIdPrefix = prefix;
  }

  /** Every task on the thread that submits it, one after another. */
  public static LocalTaskClient sameThread() {
    return new LocalTaskClient(Runnable::run, null, 1, "o");
  }

  /** A pool of {@code n} threads, kept until {@link #close()} (warm for every batch). */
  public static LocalTaskClient threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a pool needs at least one thread, was " + n);
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "fleet-threads-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return new LocalTaskClient(pool, pool, n, "t");
  }

  /** The threads tasks run on. */
  public int threads() {
    return threads;
  }

  @Override
  public <P extends Record> CompletableFuture<TaskResult> submit(TaskKind<P> kind, P params) {
    requireOpen();
    Task task = new Task(newRunId(), 0, kind.name(), params, System.currentTimeMillis());
    CompletableFuture<TaskResult> future = new CompletableFuture<>();
    pending.add(future);
    future.whenComplete((r, e) -> pending.remove(future));
    try {
      executor.execute(() -> future.complete(compute(kind, task)));
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new TaskClientException("the client is closed", e));
    }
    return future.copy();
  }

  @Override
  public Batch map(List<? extends Job<?>> jobs, MapOptions options) {
    requireOpen();
    String runId = options.runId() != null ? options.runId() : newRunId();
    int size = jobs.size();
    LongFunction<OptionalLong> expected =
        options.expectedValues() != null
            ? options.expectedValues()
            : id -> {
              Job<?> job = jobs.get((int) id);
              return KindCalls.expectedValue(job.kind(), job.params());
            };
    BatchState batch = new BatchState(runId, size, options, expected);
    running.add(batch);
    batch.started();
    long createdAt = System.currentTimeMillis();
    long[] sent = batch.sentNanos();
    try {
      for (int id = 0; id < size && !batch.isEnded(); id++) {
        int taskId = id;
        sent[id] = System.nanoTime();
        executor.execute(() -> run(batch, jobs, taskId, createdAt));
      }
    } catch (RejectedExecutionException e) {
      batch.end(new TaskClientException("the client is closed", e));
    }
    if (batch.isComplete()) {
      running.remove(batch);
    }
    return batch;
  }

  private void run(BatchState batch, List<? extends Job<?>> jobs, int id, long createdAt) {
    if (batch.isEnded()) {
      return;
    }
    Job<?> job = jobs.get(id);
    Task task = new Task(batch.runId(), id, job.kind().name(), job.params(), createdAt);
    batch.accept(compute(job.kind(), task), System.nanoTime(), 0);
    if (batch.isComplete()) {
      running.remove(batch);
    }
  }

  /** Runs one task as a worker would: whatever the kind throws fails the task, with the reason. */
  private TaskResult compute(TaskKind<?> kind, Task task) {
    WorkerIdentity me = new WorkerIdentity(host, pid, Thread.currentThread().getName());
    long start = System.nanoTime();
    long startedAt = clock.epochMicros(start);
    try {
      Computation c = computer(kind).run(task);
      return TaskResult.ok(
          task,
          c.value(),
          c.digest(),
          me,
          new WorkerTimings(0, System.nanoTime() - start, 0, startedAt),
          false);
    } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
      // A kind's bug, even a missing class, fails its task as it would on a worker.
      return TaskResult.failed(
          task.runId(),
          task.taskId(),
          "computation failed: " + e,
          me,
          new WorkerTimings(0, System.nanoTime() - start, 0, startedAt),
          false);
    }
  }

  /** The computer of the job's own kind, so any kind runs here, plugin or not. */
  private TaskComputer computer(TaskKind<?> kind) {
    return computers.computeIfAbsent(
        kind.name(), name -> new TaskComputer(KindRegistry.of(List.of(kind)), Limits.defaults()));
  }

  private String newRunId() {
    return runIdPrefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private void requireOpen() {
    if (closed) {
      throw new TaskClientException("the client is closed");
    }
  }

  /** Ends the batches and tasks still running, then stops the pool. Idempotent. */
  @Override
  public void close() {
    closed = true;
    TaskClientException closing = new TaskClientException("the client is closed");
    running.forEach(batch -> batch.end(closing));
    running.clear();
    pending.forEach(future -> future.completeExceptionally(closing));
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
