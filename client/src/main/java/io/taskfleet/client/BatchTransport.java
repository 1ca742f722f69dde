package io.taskfleet.client;

/**
 * How a batch travelled over the broker; all zero for an in-process batch.
 *
 * @param republished tasks published again (nacked, unconfirmed across a recovery, result lost)
 * @param messages task messages published, chunks and single tasks
 * @param chunking the chunk size chosen and why, one line for people; empty in process
 * @param meanTaskBodyBytes mean task body per task, in bytes
 * @param meanResultBodyBytes mean result body per result, in bytes
 * @param measured what {@code --chunk auto} measured (or started from), for a later batch of the
 *     same work ({@link MapOptions#withChunkHint}); null for fixed sizes and in process
 */
public record BatchTransport(
    long republished,
    int messages,
    String chunking,
    double meanTaskBodyBytes,
    double meanResultBodyBytes,
    ChunkMeasurement measured) {

  public static final BatchTransport IN_PROCESS = new BatchTransport(0, 0, "", 0, 0, null);
}
