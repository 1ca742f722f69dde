package io.taskfleet.producer;

import io.taskfleet.producer.report.RunReport;

/**
 * Runs a workload one way and reports it. A runner may keep warm state between runs (a thread pool,
 * worker JVMs), so repeated rounds measure the warm case; closing it releases that state.
 */
interface ModeRunner extends AutoCloseable {

  Mode mode();

  /** Runs every task of the workload once; returns when all results are in, or at the timeout. */
  RunReport run(Workload workload) throws InterruptedException;

  /** Ends the current run early (Ctrl-C); {@link #run} returns a partial report. */
  void interrupt();

  @Override
  default void close() {}
}
