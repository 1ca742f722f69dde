package io.taskfleet.producer;

import io.taskfleet.client.FleetClient;
import io.taskfleet.common.FleetException;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --await-workers}: waits until enough consumers are attached to the task queue, or with
 * {@code auto} until they have stopped arriving, so JVM start-up is not counted.
 */
final class WorkerWait {

  private static final Logger log = LoggerFactory.getLogger(WorkerWait.class);

  private final FleetClient client;
  private final ProducerConfig config;
  private final PrintStream err;

  WorkerWait(FleetClient client, ProducerConfig config, PrintStream err) {
    this.client = client;
    this.config = config;
    this.err = err;
  }

  /** Returns the consumers attached once the wait is over; throws when they do not come. */
  int await() throws InterruptedException {
    int wanted = config.awaitWorkers();
    String queue = config.topology().taskQueue();
    if (wanted == 0) {
      return client.consumers();
    }
    boolean auto = wanted == ProducerConfig.AWAIT_AUTO;
    WorkerArrivals arrivals = new WorkerArrivals(WorkerArrivals.DEFAULT_SETTLE);
    long deadline = System.nanoTime() + config.awaitTimeout().toNanos();
    boolean told = false;
    while (true) {
      int attached = client.consumers();
      if (auto ? arrivals.settled(attached, System.nanoTime()) : attached >= wanted) {
        log.info("{} consumer(s) attached to '{}'", attached, queue);
        if (auto) {
          err.printf("%d consumer(s) on queue '%s'; starting%n", attached, queue);
        }
        return attached;
      }
      if (System.nanoTime() > deadline) {
        throw new FleetException(
            (auto ? "no worker" : "only " + attached + " of " + wanted + " workers")
                + " attached to queue '"
                + queue
                + "' after "
                + config.awaitTimeout().toSeconds()
                + " s: start workers (java -jar worker/target/worker.jar) or lower --await-workers");
      }
      if (!told) {
        err.printf(
            auto
                ? "waiting for workers on queue '%2$s' until they stop arriving...%n"
                : "waiting for %d worker(s) on queue '%s'...%n",
            wanted,
            queue);
        told = true;
      }
      Thread.sleep(100);
    }
  }
}
