package io.taskfleet.producer;

import io.taskfleet.client.LocalTaskClient;
import io.taskfleet.producer.report.RunReport;
import java.time.Duration;

/**
 * {@code --mode threads}: an in-process pool of T threads, the Java counterpart of {@code
 * multiprocessing.Pool} (the JVM has no GIL), through {@link LocalTaskClient#threads(int)}. The
 * pool lives as long as the runner, so repeated rounds run on warm threads.
 */
final class ThreadsRunner implements ModeRunner {

  private final InProcessRun run;

  ThreadsRunner(int threads, Duration timeout) {
    this.run = new InProcessRun(Mode.THREADS, LocalTaskClient.threads(threads), timeout);
  }

  @Override
  public Mode mode() {
    return Mode.THREADS;
  }

  @Override
  public RunReport run(Workload workload) throws InterruptedException {
    return run.run(workload);
  }

  @Override
  public void interrupt() {
    run.stop();
  }

  @Override
  public void close() {
    run.close();
  }
}
