package io.taskfleet.worker;

/** Lets tests in other packages feed {@link WorkerStats} as the consuming threads do. */
public final class StatsFeeder {

  private StatsFeeder() {}

  public static void handled(WorkerStats stats, Outcome outcome, boolean redelivered) {
    stats.started(1, redelivered);
    stats.finished(outcome);
  }

  public static void started(WorkerStats stats) {
    stats.started(1, false);
  }
}
