package io.taskfleet.client;

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
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads results from the client's result queue and hands each to its run, found by run id; acks
 * each once it is counted (in batches, see {@link ResultAcks}), so a result in flight when the
 * connection drops is delivered again (and then counted as a duplicate if it had been counted
 * already). Runs on the result channel's dispatch thread.
 */
final class ResultConsumer extends DefaultConsumer {

  private static final Logger log = LoggerFactory.getLogger(ResultConsumer.class);

  private final Map<String, Codec> codecs;
  private final ResultAcks acks;
  private final Function<String, Outgoing> runs;
  private final Consumer<Outgoing> onComplete;
  private final Runnable onQueueLost;
  private int ignored;
  private int strangers;

  /**
   * @param runs the run in flight of a run id, or null
   * @param onComplete told when a result completes its run
   * @param onQueueLost called when the broker cancels this consumer because the result queue was
   *     deleted under it
   */
  ResultConsumer(
      Channel channel,
      int maxBodyBytes,
      Function<String, Outgoing> runs,
      Consumer<Outgoing> onComplete,
      Runnable onQueueLost) {
    super(channel);
    this.runs = runs;
    this.onComplete = onComplete;
    this.codecs = Codecs.byContentType(maxBodyBytes);
    this.onQueueLost = onQueueLost;
    this.acks = new ResultAcks(channel, ResultAcks.DEFAULT_BATCH);
  }

  @Override
  public void handleCancel(String consumerTag) {
    onQueueLost.run();
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
      throws IOException {
    long received = System.nanoTime();
    Codec codec = Codecs.forContentType(codecs, props.getContentType());
    boolean completed = false;
    try {
      if (codec == null) {
        throw new InvalidMessageException("unsupported content type " + props.getContentType());
      }
      List<TaskResult> results = codec.decodeResults(body);
      long decodeShare = (System.nanoTime() - received) / results.size();
      passUsage(props, results);
      double bodyShare = body.length / (double) results.size();
      for (TaskResult result : results) {
        completed |= handle(result, received, decodeShare, bodyShare);
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
    acks.handled(envelope.getDeliveryTag(), completed);
  }

  /** Tells the run's listener of the message, then of the usage snapshot it carried, if any. */
  private void passUsage(AMQP.BasicProperties props, List<TaskResult> results) {
    if (results.isEmpty()) {
      return;
    }
    Outgoing run = runs.apply(results.get(0).runId());
    if (run != null) {
      run.listener.resultsMessage(results);
      WorkerUsage.fromHeaders(props.getHeaders())
          .ifPresent(usage -> run.listener.usage(results, usage));
    }
  }

  /** Counts one result in its run; true when it completed the run. */
  private boolean handle(TaskResult result, long received, long decodeShare, double bodyShare) {
    Outgoing run = runs.apply(result.runId());
    if (run == null) {
      // A copy that came after its run ended, or a result of another client.
      if (strangers++ < 10) {
        log.debug("a result of run {}, which is not in flight", result.runId());
      }
      return false;
    }
    run.received(bodyShare, 1);
    if (!run.sink.accept(result, received, decodeShare)) {
      return false;
    }
    run.planner.measured(result, received - run.publishNanos[(int) result.taskId()]);
    if (run.sink.isComplete()) {
      onComplete.accept(run);
      return true;
    }
    return false;
  }
}
