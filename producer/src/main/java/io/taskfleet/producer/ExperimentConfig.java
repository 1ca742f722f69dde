package io.taskfleet.producer;

import io.taskfleet.common.ConfigException;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.cli.Checks;
import java.nio.file.Path;
import java.util.List;

/**
 * How to compare the modes, parsed once at start; the broker and workload settings stay in {@link
 * ProducerConfig}.
 *
 * @param mode origin, threads, fleet or all
 * @param threads the in-process pool's size
 * @param spawnWorkers worker JVMs to start on this machine (0: workers run elsewhere)
 * @param workerThreads {@code --threads} of each spawned worker
 * @param workerPrefetch {@code --prefetch} of each spawned worker (0: the worker's default)
 * @param workerJar the worker jar, or null to look next to the producer's
 * @param amqpUrl the broker URL as given, handed to spawned workers
 * @param warmup rounds per mode not counted: a number, or until the JVMs are warm
 * @param repeat rounds per mode counted (median, min, max)
 * @param cold also run the fleet once on fresh worker JVMs, their start-up counted
 * @param sweepIterations task sizes to sweep, empty for none
 */
public record ExperimentConfig(
    Mode mode,
    int threads,
    int spawnWorkers,
    int workerThreads,
    int workerPrefetch,
    Path workerJar,
    String amqpUrl,
    Warmup warmup,
    int repeat,
    boolean cold,
    List<Long> sweepIterations) {

  public ExperimentConfig {
    Checks.atLeast("--threads", threads, 1);
    Checks.atLeast("--spawn-workers", spawnWorkers, 0);
    Checks.atLeast("--worker-threads", workerThreads, 1);
    Checks.atLeast("--worker-prefetch", workerPrefetch, 0);
    java.util.Objects.requireNonNull(warmup, "warmup");
    Checks.atLeast("--repeat", repeat, 1);
    sweepIterations = List.copyOf(sweepIterations);
    for (long n : sweepIterations) {
      Checks.atLeast("--sweep-iterations", n, 0);
    }
    if (cold && (spawnWorkers == 0 || !mode.needsBroker())) {
      throw new ConfigException("--cold needs --spawn-workers N and a mode that runs the fleet");
    }
  }

  // A record prints every component: never the password.
  @Override
  public String toString() {
    return ("ExperimentConfig[mode=%s, threads=%d, spawnWorkers=%d, workerThreads=%d,"
            + " workerPrefetch=%d, workerJar=%s, amqpUrl=%s, warmup=%s, repeat=%d, cold=%s,"
            + " sweepIterations=%s]")
        .formatted(
            mode,
            threads,
            spawnWorkers,
            workerThreads,
            workerPrefetch,
            workerJar,
            BrokerUrl.redact(amqpUrl),
            warmup,
            repeat,
            cold,
            sweepIterations);
  }

  /** The task sizes to run: the sweep, or the one {@code --iterations}. */
  List<Long> sizes(long iterations) {
    return sweepIterations.isEmpty()
        ? List.of(iterations)
        : sweepIterations.stream().sorted().toList();
  }
}
