package io.taskfleet.client;

/**
 * What {@code --chunk auto} measured on a fleet: the cost of one message and the compute of one
 * task. A later batch of the same work can start from it instead of probing again.
 *
 * @param overheadNanos a message's round trip minus the worker's own time for it (broker, transits)
 * @param computeNanosPerTask the mean compute of one task on a worker
 */
public record ChunkMeasurement(long overheadNanos, long computeNanosPerTask) {

  public ChunkMeasurement {
    if (overheadNanos < 0 || computeNanosPerTask < 0) {
      throw new IllegalArgumentException("a measurement must not be negative");
    }
  }
}
