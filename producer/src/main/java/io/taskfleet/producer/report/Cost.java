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
   * @param jitSeconds of that, about how long its JIT compilers worked (a JVM still warming up); 0
   *     for a process that is not a JVM or does not say
   * @param tasks the tasks that time is shared out over
   * @param cpuMsPerTask {@code cpuSeconds} per task, in milliseconds
   */
  public record ProcessCost(
      String role,
      String process,
      double cpuSeconds,
      double jitSeconds,
      int tasks,
      double cpuMsPerTask) {}

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

  /**
   * CPU milliseconds per task of the processes in {@code role} together: their CPU time over the
   * tasks they shared out. Two workers that each spent 1 ms on each of their own tasks cost 1 ms
   * per task, not 2.
   */
  public double cpuMsPerTask(String role) {
    double seconds = 0;
    long tasks = 0;
    for (ProcessCost p : processes) {
      if (p.role().equals(role)) {
        seconds += p.cpuSeconds();
        tasks += p.tasks();
      }
    }
    return msPerTask(seconds, tasks);
  }

  /** The JIT's share of the JVMs' CPU under which a run counts as warm. */
  public static final double WARM_JIT_SHARE = 0.05;

  /**
   * The share of the JVMs' CPU (the producer's and the workers' together; the broker is no JVM)
   * their JIT compilers used: from {@link #WARM_JIT_SHARE} up, the run measured a warm-up.
   */
  public double jitShare() {
    double cpu = cpuSeconds("producer") + cpuSeconds("worker");
    double jit = jitSeconds("producer") + jitSeconds("worker");
    return cpu > 0 ? Math.min(1, jit / cpu) : 0;
  }

  public boolean warm() {
    return jitShare() < WARM_JIT_SHARE;
  }

  /** JIT compile seconds of the processes in {@code role} together. */
  public double jitSeconds(String role) {
    double seconds = 0;
    for (ProcessCost p : processes) {
      if (p.role().equals(role)) {
        seconds += p.jitSeconds();
      }
    }
    return seconds;
  }

  /** CPU seconds of the processes in {@code role} together. */
  public double cpuSeconds(String role) {
    double seconds = 0;
    for (ProcessCost p : processes) {
      if (p.role().equals(role)) {
        seconds += p.cpuSeconds();
      }
    }
    return seconds;
  }

  /** {@code cpuSeconds} shared over {@code tasks}, in milliseconds; 0 for no task. */
  public static double msPerTask(double cpuSeconds, long tasks) {
    return tasks == 0 ? 0 : cpuSeconds * 1e3 / tasks;
  }
}
