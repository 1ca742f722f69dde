package io.taskfleet.producer;

import io.taskfleet.client.LocalTaskClient;
import io.taskfleet.producer.report.RunReport;
import java.time.Duration;

/**
 * {@code --mode origin}: every task one after another on the calling thread, as the seed's loop,
 * through {@link LocalTaskClient#sameThread()}.
 */
final class OriginRunner implements ModeRunner {

  private final InProcessRun run;

  OriginRunner(Duration timeout) {
    this.run = new InProcessRun(Mode.ORIGIN, LocalTaskClient.sameThread(), timeout);
  }

  @Override
  public Mode mode() {
    return Mode.ORIGIN;
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
