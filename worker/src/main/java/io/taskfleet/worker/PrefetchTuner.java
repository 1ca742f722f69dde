package io.taskfleet.worker;

/**
 * Chooses the prefetch from what the worker measures, when the user set none: enough messages
 * buffered beyond the ones computing to hide one broker round trip, and no more, so that at the end
 * of a run no worker sits on messages while another is idle.
 *
 * <p>{@code prefetch = concurrency + ceil(concurrency × roundTrip / computePerMessage)}, between
 * {@code concurrency + 1} and {@link #MAX}, from {@link #initial()} at the start. The round trip is
 * the time the broker takes to confirm a result; the compute time is per message (a chunk's tasks
 * together). Both are moving averages.
 *
 * <p>It starts low, with one message waiting per computing slot, and grows when the measurements
 * ask for more. Every message buffered beyond that is work that one worker holds while another may
 * be idle at the end of a run: on the seed's workload (2 workers, a chunk ends every 1-70 ms), 9
 * buffered left one worker idle for the last 47 ms of a 310 ms run, 1 buffered ended both within a
 * millisecond of each other.
 *
 * <p>The prefetch only ever grows, and only by half or more ({@link #worthRaising}): changing it
 * means consuming again, and the broker returns the deliveries in flight to the old consumer to the
 * queue, marked redelivered, where they look like chunks whose worker died. With tiny tasks the
 * estimate swung 200, 41, 200 within seconds.
 */
final class PrefetchTuner {

  static final int MAX = 200;

  private static final double WEIGHT = 0.2;

  private final int cpuThreads;
  private final int ioConcurrency;
  private boolean io;
  private boolean ioJustSeen;
  private double roundTripNanos = -1;
  private double computeNanosPerMessage = -1;

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

  void messageComputed(long nanos) {
    computeNanosPerMessage = average(computeNanosPerMessage, Math.max(1, nanos));
  }

  int prefetch() {
    if (roundTripNanos < 0 || computeNanosPerMessage < 0) {
      return initial();
    }
    int slots = concurrency();
    double hide = Math.ceil(slots * roundTripNanos / computeNanosPerMessage);
    long wanted = slots + Math.max(1, (long) Math.min(hide, MAX));
    return (int) Math.min(MAX, wanted);
  }

  /** Whether consuming again with {@code wanted} instead of {@code current} is worth it. */
  static boolean worthRaising(int current, int wanted) {
    return wanted * 2 >= current * 3;
  }

  private static double average(double current, long sample) {
    return current < 0 ? sample : current + WEIGHT * (sample - current);
  }
}
