package io.taskfleet.producer.report;

import java.util.List;

/**
 * What a run cost, beside how long it took: the CPU time of each process that took part, per task,
 * and how each thread that ran tasks spent its wall time.
 *
 * @param processes the producer, each worker, and the broker when it runs on this machine
 * @param threads each thread that ran tasks, over the part of the run it was watched
 */
public record Cost(List<ProcessCost> processes, List<ThreadTime> threads) {

  public Cost {
    processes = List.copyOf(processes);
    threads = List.copyOf(threads);
  }

  /**
   * One process's CPU time during the run.
   *
   * @param role {@code producer}, {@code worker} or {@code broker}
   * @param process who: {@code host:pid}, or what was read ({@code 1 local RabbitMQ process})
   * @param cpuSeconds CPU time, user and system, all threads
   * @param tasks the tasks that time is shared out over
   * @param cpuMsPerTask {@code cpuSeconds} per task, in milliseconds
   */
  public record ProcessCost(
      String role, String process, double cpuSeconds, int tasks, double cpuMsPerTask) {}

  /**
   * One thread's wall time, split; the four shares add up to 1.
   *
   * @param process {@code host:pid}
   * @param thread its name
   * @param seconds the wall time watched
   * @param computing share spent running tasks
   * @param codec share spent decoding tasks and encoding results
   * @param messaging share spent publishing, acking and handling confirms
   * @param idle the rest
   */
  public record ThreadTime(
      String process,
      String thread,
      double seconds,
      double computing,
      double codec,
      double messaging,
      double idle) {}

  /** CPU milliseconds per task of every process in {@code role}, added up. */
  public double cpuMsPerTask(String role) {
    return processes.stream()
        .filter(p -> p.role().equals(role))
        .mapToDouble(ProcessCost::cpuMsPerTask)
        .sum();
  }
}
