package io.taskfleet.producer;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Acknowledges results in batches ({@code multiple=true}): one ack frame per {@code batch} results
 * instead of one per result, and at once when the run has every result. A result is acked only
 * after it is counted, so at-least-once holds: on a lost connection the unacked ones come back and
 * are counted as duplicates. The batch must stay below the result channel's prefetch, or the broker
 * would stop delivering while acks wait. Used on the consumer's thread only.
 */
final class ResultAcks {

  /** Results per ack frame; well below FleetRun's result prefetch of 300. */
  static final int DEFAULT_BATCH = 100;

  private final Channel channel;
  private final int batch;
  private final BooleanSupplier complete;
  private int pending;

  ResultAcks(Channel channel, int batch, BooleanSupplier complete) {
    this.channel = channel;
    this.batch = batch;
    this.complete = complete;
  }

  /** Counts {@code deliveryTag} as handled; acks it and all before it when the batch is full. */
  void handled(long deliveryTag) throws IOException {
    pending++;
    if (pending >= batch || complete.getAsBoolean()) {
      channel.basicAck(deliveryTag, true);
      pending = 0;
    }
  }
}
