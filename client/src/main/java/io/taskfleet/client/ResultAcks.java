package io.taskfleet.client;

import com.rabbitmq.client.Channel;
import java.io.IOException;

/**
 * Acknowledges results in batches ({@code multiple=true}): one ack frame per {@code batch} results
 * instead of one per result, and at once when a delivery completes a batch. A result is acked only
 * after it is counted, so at-least-once holds: on a lost connection the unacked ones come back and
 * are counted as duplicates. The batch must stay below the result channel's prefetch, or the broker
 * would stop delivering while acks wait. Used on the consumer's thread only.
 */
final class ResultAcks {

  /** Results per ack frame; well below the result channel's prefetch of 1,000. */
  static final int DEFAULT_BATCH = 100;

  private final Channel channel;
  private final int batch;
  private int pending;

  ResultAcks(Channel channel, int batch) {
    this.channel = channel;
    this.batch = batch;
  }

  /**
   * Counts {@code deliveryTag} as handled; acks it and all before it when the batch is full, or
   * {@code now} (the delivery completed a batch: nothing more may come to fill the ack batch).
   */
  void handled(long deliveryTag, boolean now) throws IOException {
    pending++;
    if (pending >= batch || now) {
      channel.basicAck(deliveryTag, true);
      pending = 0;
    }
  }
}
