package io.taskfleet.producer.report;

import java.util.List;
import java.util.stream.Stream;

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
    return msPerTask(cpuSeconds(role), of(role).mapToLong(ProcessCost::tasks).sum());
  }

  /** The JIT's share of the JVMs' CPU under which a run counts as warm. */
  public static final double WARM_JIT_SHARE = 0.05;

  /** The roles whose processes are JVMs; the broker is not one. */
  public static final List<String> JVMS = List.of("producer", "worker");

  /**
   * The share of the JVMs' CPU (the producer's and the workers' together) their JIT compilers used:
   * from {@link #WARM_JIT_SHARE} up, the run measured a warm-up.
   */
  public double jitShare() {
    return jitShare(JVMS);
  }

  /** The share of the CPU of the processes in {@code role} together that their JIT used. */
  public double jitShare(String role) {
    return jitShare(List.of(role));
  }

  private double jitShare(List<String> roles) {
    double cpu = 0;
    double jit = 0;
    for (String role : roles) {
      cpu += cpuSeconds(role);
      jit += jitSeconds(role);
    }
    return cpu > 0 ? Math.min(1, jit / cpu) : 0;
  }

  public boolean warm() {
    return jitShare() < WARM_JIT_SHARE;
  }

  /**
   * Whether a round whose cost is {@code cost} measured some of a warm-up: its JIT compilers took
   * {@link #WARM_JIT_SHARE} or more of the JVMs' CPU. A round that said nothing of its cost (null)
   * counts as quiet.
   */
  public static boolean compiling(Cost cost) {
    return cost != null && !cost.warm();
  }

  /** JIT compile seconds of the processes in {@code role} together. */
  public double jitSeconds(String role) {
    return of(role).mapToDouble(ProcessCost::jitSeconds).sum();
  }

  /** CPU seconds of the processes in {@code role} together. */
  public double cpuSeconds(String role) {
    return of(role).mapToDouble(ProcessCost::cpuSeconds).sum();
  }

  private Stream<ProcessCost> of(String role) {
    return processes.stream().filter(p -> p.role().equals(role));
  }

  /** {@code cpuSeconds} shared over {@code tasks}, in milliseconds; 0 for no task. */
  public static double msPerTask(double cpuSeconds, long tasks) {
    return tasks == 0 ? 0 : cpuSeconds * 1e3 / tasks;
  }
}
