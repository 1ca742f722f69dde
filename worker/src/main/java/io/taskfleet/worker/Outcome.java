package io.taskfleet.worker;

/**
 * What a worker does with one delivery, decided before touching the channel.
 *
 * @param kind completed, failed (a failed result goes back) or dead-lettered
 * @param reply the encoded result to send to {@code reply_to}, or null when there is none
 * @param deadLetterReason why the message goes to the dead-letter queue, or null
 * @param computeNanos time spent computing, 0 when nothing was computed
 */
public record Outcome(Kind kind, byte[] reply, String deadLetterReason, long computeNanos) {

  public enum Kind {
    COMPLETED,
    FAILED,
    DEAD_LETTERED
  }

  public static Outcome completed(byte[] reply, long computeNanos) {
    return new Outcome(Kind.COMPLETED, reply, null, computeNanos);
  }

  public static Outcome failed(byte[] reply, long computeNanos) {
    return new Outcome(Kind.FAILED, reply, null, computeNanos);
  }

  public static Outcome deadLettered(String reason, byte[] failedReply) {
    return new Outcome(Kind.DEAD_LETTERED, failedReply, reason, 0);
  }
}
