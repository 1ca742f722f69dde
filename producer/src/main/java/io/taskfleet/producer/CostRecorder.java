package io.taskfleet.producer;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerUsage;
import io.taskfleet.common.text.Numbers;
import io.taskfleet.common.time.CpuClock;
import io.taskfleet.common.time.JitClock;
import io.taskfleet.producer.report.Cost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Measures what a run costs in CPU and in each thread's time.
 *
 * <ul>
 *   <li>This process: its CPU time from start to finish.
 *   <li>A broker on this machine: its CPU time from /proc, over the same span.
 *   <li>Each worker: the usage snapshots some of its result messages carry ({@link WorkerUsage}),
 *       from its first snapshot of the run to its last; the tasks of the first message are before
 *       that span and are not counted, nor are those of messages after the last snapshot, so CPU
 *       per task is what the tasks inside the span cost.
 *   <li>In-process modes: each thread's computing time from the results, the rest idle.
 * </ul>
 */
final class CostRecorder {

  /** Workers watched; a run's results name at most this many, the others are left out. */
  static final int MAX_WORKERS = 256;

  private final LongSupplier selfCpu = CpuClock.process();
  private final long selfCpuAtStart = selfCpu.getAsLong();
  private final long selfJitAtStart = JitClock.compiledNanos();
  private final long startNanos = System.nanoTime();
  private final Map<Long, Long> brokerCpuAtStart = new TreeMap<>();
  private final Map<String, WorkerWindow> workers = new TreeMap<>();
  private final Map<String, Long> computingByThread = new TreeMap<>();

  /**
   * One worker's first and latest snapshot, the tasks of the messages after the first up to the
   * latest, and those since the latest.
   */
  private static final class WorkerWindow {
    final WorkerUsage first;
    WorkerUsage last;
    int tasks;
    int sinceLast;

    WorkerWindow(WorkerUsage first) {
      this.first = first;
      this.last = first;
    }
  }

  /**
   * @param localBrokerPorts the broker's ports when it runs on this machine, so its CPU can be read
   *     here; empty otherwise
   */
  CostRecorder(List<Integer> localBrokerPorts) {
    if (!localBrokerPorts.isEmpty()) {
      for (long pid : ProcessCpu.remembered(localBrokerPorts)) {
        ProcessCpu.of(pid).ifPresent(cpu -> brokerCpuAtStart.put(pid, cpu));
      }
    }
  }

  /** A result message from a worker, told before the snapshot it carried, if any. */
  synchronized void message(List<TaskResult> results) {
    if (results.isEmpty()) {
      return;
    }
    WorkerWindow window = workers.get(results.get(0).worker().boundedProcess());
    if (window != null) {
      window.sinceLast += results.size();
    }
  }

  /** The snapshot a worker's result message carried, told after {@link #message}. */
  synchronized void snapshot(List<TaskResult> results, WorkerUsage usage) {
    if (results.isEmpty()) {
      return;
    }
    String process = results.get(0).worker().boundedProcess();
    WorkerWindow window = workers.get(process);
    if (window == null) {
      if (workers.size() < MAX_WORKERS) {
        workers.put(process, new WorkerWindow(usage));
      }
      return;
    }
    if (usage.uptimeNanos() >= window.last.uptimeNanos()) {
      window.last = usage;
      window.tasks += window.sinceLast;
      window.sinceLast = 0;
    }
  }

  /** A result computed in this process (origin and threads modes). */
  synchronized void computedHere(TaskResult result) {
    computingByThread.merge(
        result.worker().boundedThread(), result.timings().computeNanos(), Long::sum);
  }

  /** The cost of a run of {@code tasks} tasks, ending now. */
  synchronized Cost finish(int tasks, String selfName) {
    long wallNanos = System.nanoTime() - startNanos;
    List<Cost.ProcessCost> processes = new ArrayList<>();
    processes.add(
        process(
            "producer",
            selfName,
            selfCpu.getAsLong() - selfCpuAtStart,
            JitClock.compiledNanos() - selfJitAtStart,
            tasks));
    List<Cost.ThreadTime> threads = new ArrayList<>();
    computingByThread.forEach(
        (thread, computing) ->
            threads.add(threadTime(selfName, thread, wallNanos, computing, 0, 0)));
    workers.forEach(
        (process, w) -> {
          if (w.tasks == 0) {
            return; // one message: no span to measure
          }
          processes.add(
              process(
                  "worker",
                  process,
                  w.last.cpuNanos() - w.first.cpuNanos(),
                  w.last.jitNanos() - w.first.jitNanos(),
                  w.tasks));
          long watched = w.last.uptimeNanos() - w.first.uptimeNanos();
          Map<String, WorkerUsage.ThreadUsage> before = new HashMap<>();
          w.first.threads().forEach(t -> before.put(t.thread(), t));
          for (WorkerUsage.ThreadUsage now : w.last.threads()) {
            WorkerUsage.ThreadUsage then =
                before.getOrDefault(
                    now.thread(), new WorkerUsage.ThreadUsage(now.thread(), 0, 0, 0));
            long computing = now.computeNanos() - then.computeNanos();
            long codec = now.codecNanos() - then.codecNanos();
            long messaging = now.messagingNanos() - then.messagingNanos();
            if (computing + codec + messaging > 0) {
              threads.add(threadTime(process, now.thread(), watched, computing, codec, messaging));
            }
          }
        });
    long brokerNanos = 0;
    int brokers = 0;
    for (Map.Entry<Long, Long> b : brokerCpuAtStart.entrySet()) {
      OptionalLong now = ProcessCpu.of(b.getKey());
      if (now.isPresent()) {
        brokerNanos += now.getAsLong() - b.getValue();
        brokers++;
      }
    }
    if (brokers > 0) {
      processes.add(
          process(
              "broker",
              brokers + " local RabbitMQ process" + (brokers == 1 ? "" : "es"),
              brokerNanos,
              0,
              tasks));
    }
    return new Cost(processes, threads);
  }

  private static Cost.ProcessCost process(
      String role, String name, long cpuNanos, long jitNanos, int tasks) {
    double seconds = Math.max(0, cpuNanos) / 1e9;
    return new Cost.ProcessCost(
        role,
        name,
        Numbers.round(seconds, 4),
        Numbers.round(Math.max(0, jitNanos) / 1e9, 4),
        tasks,
        Numbers.round(Cost.msPerTask(seconds, tasks), 4));
  }

  private static Cost.ThreadTime threadTime(
      String process, String thread, long wallNanos, long computing, long codec, long messaging) {
    double wall = Math.max(1, Math.max(wallNanos, computing + codec + messaging));
    double c = computing / wall;
    double k = codec / wall;
    double m = messaging / wall;
    return new Cost.ThreadTime(
        process,
        thread,
        Numbers.round(wall / 1e9, 4),
        Numbers.round(c, 4),
        Numbers.round(k, 4),
        Numbers.round(m, 4),
        Numbers.round(Math.max(0, 1 - c - k - m), 4));
  }
}
