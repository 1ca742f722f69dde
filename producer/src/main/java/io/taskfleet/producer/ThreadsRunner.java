package io.taskfleet.producer;

import io.taskfleet.producer.report.RunReport;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --mode threads}: an in-process pool of T threads, the Java counterpart of {@code
 * multiprocessing.Pool} (the JVM has no GIL). The pool lives as long as the runner, so repeated
 * rounds run on warm threads.
 */
final class ThreadsRunner implements ModeRunner {

  private final InProcessRun run;
  private final ExecutorService pool;

  ThreadsRunner(int threads, Duration timeout) {
    this.run = new InProcessRun(Mode.THREADS, threads, timeout);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "fleet-threads-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Mode mode() {
    return Mode.THREADS;
  }

  @Override
  public RunReport run(Workload workload) throws InterruptedException {
    return run.run(workload, pool);
  }

  @Override
  public void interrupt() {
    run.stop();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
