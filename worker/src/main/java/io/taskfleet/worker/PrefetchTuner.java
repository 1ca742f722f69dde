package io.taskfleet.worker;

/**
 * Chooses the prefetch from what the worker measures, when the user set none: enough messages
 * buffered beyond the ones computing to hide one broker round trip, and no more, so that at the end
 * of a run no worker sits on messages while another is idle.
 *
 * <p>{@code prefetch = ceil(concurrency / tasksPerMessage) + ceil(concurrency × roundTrip /
 * computePerMessage)}, the second term at least 1, the whole at most {@link #MAX}, from {@link
 * #initial()} at the start. The first term is the messages whose tasks keep every computing slot
 * busy: one per slot for single tasks, one in all for a chunk with a task for every slot (a
 * message's tasks are spread over all the slots). The second is the messages that hide one round
 * trip. The round trip is the time the broker takes to confirm a result; the compute time is per
 * message (a chunk's tasks together, as one slot would take them). All three are moving averages.
 * Counting a slot per message whatever its size, a worker running 100 sleeps at once took 200
 * chunks of them, so that the broker handed each worker half of a run's messages as they were
 * published, and one worker ended 290 ms before the other in a run of 1.25 s.
 *
 * <p>It starts low, with one message waiting per computing slot, and grows when the measurements
 * ask for more. Every message buffered beyond that is work that one worker holds while another may
 * be idle at the end of a run: on the seed's workload (2 workers, a chunk ends every 1-70 ms), 9
 * buffered left one worker idle for the last 47 ms of a 310 ms run, 1 buffered ended both within a
 * millisecond of each other.
 *
 * <p>It changes only by a good margin ({@link #next}): up when the measurements call for half as
 * many again or more; down only when they call for a quarter or less at {@link #LOWER_AFTER} checks
 * in a row. Down matters: a worker that ran tiny tasks would otherwise keep up to {@link #MAX}
 * messages for good, and when the tasks grow, hold them at the end of a run while the others idle
 * (in a sweep, the seed's size after the tiny ones: one worker ended 90 ms before the other). Only
 * by a quarter, because between 2 and 6 the estimate swings with every change of chunk size, and
 * with tiny tasks it swung 200, 41, 200 within seconds. Changing it means consuming again; the
 * deliveries in hand stay valid on the channel and are acked as before.
 */
final class PrefetchTuner {

  static final int MAX = 200;

  /** Checks in a row that must call for a quarter of the prefetch or less before it is lowered. */
  static final int LOWER_AFTER = 2;

  private static final double WEIGHT = 0.2;

  private final int cpuThreads;
  private final int ioConcurrency;
  private boolean io;
  private boolean ioJustSeen;
  private double roundTripNanos = -1;
  private double computeNanosPerMessage = -1;
  private double tasksPerMessage = -1;
  private int lowerChecks;

  PrefetchTuner(int cpuThreads, int ioConcurrency) {
    this.cpuThreads = cpuThreads;
    this.ioConcurrency = ioConcurrency;
  }

  /** An I/O-bound task arrived: from now on the slots to fill are the I/O ones. */
  void sawIo() {
    if (!io) {
      io = true;
      ioJustSeen = true;
    }
  }

  /** True once after the first I/O-bound task, so the prefetch is tuned at once. */
  boolean ioJustSeen() {
    boolean seen = ioJustSeen;
    ioJustSeen = false;
    return seen;
  }

  private int concurrency() {
    return io ? ioConcurrency : cpuThreads;
  }

  /** Before any measurement: every computing slot busy, plus one message waiting for each. */
  int initial() {
    return Math.min(MAX, 2 * concurrency());
  }

  void roundTrip(long nanos) {
    roundTripNanos = average(roundTripNanos, nanos);
  }

  /** A message's tasks all computed: {@code tasks} of them in {@code nanos}, summed. */
  void messageComputed(long nanos, int tasks) {
    computeNanosPerMessage = average(computeNanosPerMessage, Math.max(1, nanos));
    tasksPerMessage = average(tasksPerMessage, Math.max(1, tasks));
  }

  int prefetch() {
    if (roundTripNanos < 0 || computeNanosPerMessage < 0) {
      return initial();
    }
    int slots = concurrency();
    long filling = (long) Math.ceil(slots / tasksPerMessage);
    double hide = Math.ceil(slots * roundTripNanos / computeNanosPerMessage);
    long wanted = filling + Math.max(1, (long) Math.min(hide, MAX));
    return (int) Math.min(MAX, wanted);
  }

  /**
   * The prefetch to consume with from now on, asked at each check: the measured one when it is half
   * as large again as {@code current} or more, or when it has been a quarter of it or less at
   * {@link #LOWER_AFTER} checks in a row; otherwise {@code current}.
   */
  int next(int current) {
    int wanted = prefetch();
    if (wanted * 2 >= current * 3) {
      lowerChecks = 0;
      return wanted;
    }
    if (wanted * 4 > current) {
      lowerChecks = 0;
      return current;
    }
    if (++lowerChecks < LOWER_AFTER) {
      return current;
    }
    lowerChecks = 0;
    return wanted;
  }

  private static double average(double current, double sample) {
    return current < 0 ? sample : current + WEIGHT * (sample - current);
  }
}
