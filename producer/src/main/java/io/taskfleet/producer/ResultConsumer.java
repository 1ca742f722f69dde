package io.taskfleet.producer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerUsage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads results from the run's result queue into the {@link ResultCollector}, acking each once it
 * is counted (in batches, see {@link ResultAcks}), so a result in flight when the connection drops
 * is delivered again (and then counted as a duplicate if it had been counted already).
 */
final class ResultConsumer extends DefaultConsumer {

  private static final Logger log = LoggerFactory.getLogger(ResultConsumer.class);

  private final ResultCollector collector;
  private final Progress progress;
  private final Map<String, Codec> codecs;
  // Written by this channel's dispatch thread only, read after the run.
  private volatile long bodyBytesTotal;
  private volatile long bodies;
  private final ResultAcks acks;
  private int ignored;
  private final Runnable onQueueLost;
  private final ResultListener listener;
  private volatile CostRecorder cost;

  /** Told of every result counted for the first time, with when it arrived. */
  @FunctionalInterface
  interface ResultListener {
    void counted(TaskResult result, long receivedNanos);
  }

  /**
   * @param onQueueLost called when the broker cancels this consumer because the result queue was
   *     deleted under it
   */
  ResultConsumer(
      Channel channel,
      ResultCollector collector,
      Progress progress,
      int maxBodyBytes,
      Runnable onQueueLost,
      ResultListener listener) {
    super(channel);
    this.listener = listener;
    this.collector = collector;
    this.progress = progress;
    this.codecs = Codecs.byContentType(maxBodyBytes);
    this.onQueueLost = onQueueLost;
    this.acks = new ResultAcks(channel, ResultAcks.DEFAULT_BATCH, collector::isComplete);
  }

  /** Also hands each message's worker usage snapshot, with its results, to {@code recorder}. */
  ResultConsumer recordingCost(CostRecorder recorder) {
    this.cost = recorder;
    return this;
  }

  @Override
  public void handleCancel(String consumerTag) {
    onQueueLost.run();
  }

  /** Mean bytes of result body per result received (a batch's body shared out); 0 before one. */
  double meanBodyBytes() {
    long n = bodies;
    return n == 0 ? 0 : bodyBytesTotal / (double) n;
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
      throws IOException {
    long received = System.nanoTime();
    Codec codec = Codecs.forContentType(codecs, props.getContentType());
    try {
      if (codec == null) {
        throw new InvalidMessageException("unsupported content type " + props.getContentType());
      }
      List<TaskResult> results = codec.decodeResults(body);
      CostRecorder recorder = cost;
      if (recorder != null && !results.isEmpty()) {
        WorkerUsage.fromHeaders(props.getHeaders()).ifPresent(u -> recorder.message(results, u));
      }
      bodyBytesTotal += body.length;
      bodies += results.size();
      long decodeShare = (System.nanoTime() - received) / results.size();
      boolean counted = false;
      for (TaskResult result : results) {
        if (collector.accept(result, received, decodeShare)) {
          listener.counted(result, received);
          counted = true;
        }
      }
      if (counted) {
        progress.update(collector.received());
      }
    } catch (InvalidMessageException e) {
      if (ignored++ < 10) {
        log.warn(
            "ignoring a message on the result queue that is not a result: {}",
            e.getMessage().length() > 300
                ? e.getMessage().substring(0, 300) + "..."
                : e.getMessage());
      }
    } catch (RuntimeException e) {
      // Whatever a stranger put on this queue, the consumer goes on.
      log.warn("ignoring a message on the result queue that could not be read: {}", e.toString());
    }
    acks.handled(envelope.getDeliveryTag());
  }
}
