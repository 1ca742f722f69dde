package io.taskfleet.producer.report;

import java.util.List;

/**
 * When each thread that ran tasks was busy over a run, as Ray's timeline shows it: one lane per
 * thread, busy spans in milliseconds from the run's start (on the workers' wall clocks, so lanes of
 * other hosts are only as close as the hosts' clocks are).
 *
 * @param millis the run's length
 * @param lanes one per thread, sorted by process then thread
 */
public record Timeline(double millis, List<Lane> lanes) {

  public Timeline {
    lanes = List.copyOf(lanes);
  }

  /**
   * One thread's busy spans, merged where the gap between two is too short to see.
   *
   * @param process {@code host:pid}
   * @param thread its name
   * @param busy spans {@code [from, to]}, in milliseconds from the run's start, in order
   */
  public record Lane(String process, String thread, List<double[]> busy) {

    public Lane {
      busy = List.copyOf(busy);
    }

    /** The busy time in this lane, in milliseconds. */
    public double busyMillis() {
      return busy.stream().mapToDouble(span -> span[1] - span[0]).sum();
    }
  }
}
