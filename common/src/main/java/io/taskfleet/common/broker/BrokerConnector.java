package io.taskfleet.common.broker;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.NoOpMetricsCollector;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import io.taskfleet.common.text.Bounded;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections with automatic recovery (connection, channels, queues, bindings and consumers
 * come back after a network failure or a broker restart), retrying the first attempt for a while
 * when asked, and turning every failure into one readable sentence.
 */
public final class BrokerConnector {

  private static final Logger log = LoggerFactory.getLogger(BrokerConnector.class);

  /** How long automatic recovery waits between attempts. */
  public static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);

  /** The longest a blocking call on a channel may wait for the broker's answer. */
  public static final Duration RPC_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Recovers only what was declared on a channel that is still in use. {@link Topology#declare}
   * declares on short-lived channels; the client would try to re-declare those entities on their
   * closed channels after a connection loss and log a stack trace for each. They are all durable
   * and survive connection loss and broker restarts, so there is nothing to recover; the result
   * queue and the consumers live on open channels and come back.
   */
  static final TopologyRecoveryFilter OPEN_CHANNELS_ONLY =
      new TopologyRecoveryFilter() {
        @Override
        public boolean filterExchange(RecordedExchange exchange) {
          return exchange.getChannel().isOpen();
        }

        @Override
        public boolean filterQueue(RecordedQueue queue) {
          return queue.getChannel().isOpen();
        }

        @Override
        public boolean filterBinding(RecordedBinding binding) {
          return binding.getChannel().isOpen();
        }
      };

  private final BrokerUrl url;
  private final Duration firstConnectRetry;
  private final MetricsCollector metrics;

  public BrokerConnector(BrokerUrl url, Duration firstConnectRetry) {
    this(url, firstConnectRetry, new NoOpMetricsCollector());
  }

  /**
   * @param metrics told of every connection, channel, publish and ack, e.g. the client's {@code
   *     MicrometerMetricsCollector}
   */
  public BrokerConnector(BrokerUrl url, Duration firstConnectRetry, MetricsCollector metrics) {
    this.url = url;
    this.firstConnectRetry = firstConnectRetry;
    this.metrics = metrics;
  }

  public BrokerUrl url() {
    return url;
  }

  /**
   * Connects, naming the connection so it can be found in the management UI.
   *
   * @param consumerPool the threads that run consumer callbacks, or null for the client's default
   */
  public Connection connect(String connectionName, ExecutorService consumerPool) {
    return connect(connectionName, consumerPool, true, firstConnectRetry);
  }

  /**
   * Connects without automatic recovery, for a caller that rebuilds its channels and consumers
   * itself after any failure (the worker's loop does, so that one thread owns every channel).
   *
   * @param retry how long to keep retrying this attempt; zero for one attempt
   */
  public Connection connectUnrecovered(
      String connectionName, ExecutorService consumerPool, Duration retry) {
    return connect(connectionName, consumerPool, false, retry);
  }

  private Connection connect(
      String connectionName, ExecutorService consumerPool, boolean recover, Duration retry) {
    ConnectionFactory factory = url.toConnectionFactory();
    factory.setAutomaticRecoveryEnabled(recover);
    factory.setTopologyRecoveryEnabled(recover);
    factory.setTopologyRecoveryFilter(OPEN_CHANNELS_ONLY);
    factory.setNetworkRecoveryInterval(RECOVERY_INTERVAL.toMillis());
    factory.setRequestedHeartbeat(15);
    factory.setConnectionTimeout(5_000);
    // Bounds every blocking call (declare, cancel, close) so a dead connection cannot hang a
    // shutdown for the client's default of ten minutes.
    factory.setChannelRpcTimeout((int) RPC_TIMEOUT.toMillis());
    factory.setClientProperties(clientProperties(factory.getClientProperties()));
    factory.setMetricsCollector(metrics);
    if (consumerPool != null) {
      factory.setSharedExecutor(consumerPool);
    }
    long deadline = System.nanoTime() + retry.toNanos();
    while (true) {
      try {
        // With several nodes the client shuffles them and, on recovery, tries them all again.
        return factory.newConnection(url.addresses(), connectionName);
      } catch (IOException | TimeoutException e) {
        BrokerUnavailableException failure = explain(e);
        boolean retryable =
            !(e instanceof AuthenticationFailureException
                || e instanceof PossibleAuthenticationFailureException);
        if (!retryable || System.nanoTime() >= deadline) {
          throw failure;
        }
        log.info("{}; retrying", failure.getMessage());
        sleep(RECOVERY_INTERVAL);
      }
    }
  }

  private static Map<String, Object> clientProperties(Map<String, Object> defaults) {
    Map<String, Object> props = new java.util.HashMap<>(defaults);
    props.put("product", "taskfleet");
    return props;
  }

  private BrokerUnavailableException explain(Exception e) {
    Throwable root = rootCause(e);
    String where = url.toString();
    if (e instanceof AuthenticationFailureException
        || e instanceof PossibleAuthenticationFailureException) {
      return new BrokerUnavailableException(
          "the broker at "
              + where
              + " refused user '"
              + url.username()
              + "': check the user "
              + "name and password in --amqp-url / AMQP_URL (RabbitMQ's 'guest' user may "
              + "only connect from localhost)",
          e);
    }
    if (root instanceof UnknownHostException) {
      return new BrokerUnavailableException(
          "cannot resolve broker host '"
              + url.hosts()
              + "' in "
              + where
              + ": check --amqp-url / AMQP_URL",
          e);
    }
    if (root instanceof ConnectException
        || e instanceof TimeoutException
        || root instanceof java.net.SocketTimeoutException) {
      return new BrokerUnavailableException(
          "cannot connect to RabbitMQ at "
              + where
              + " ("
              + Bounded.text(root.getMessage())
              + "): is it "
              + "running? Start one with 'docker compose up -d rabbitmq' or "
              + "'rabbitmq-server -detached', or point --amqp-url / AMQP_URL at yours",
          e);
    }
    String reason = Bounded.text(String.valueOf(root.getMessage()), 1_000);
    int replyText = reason.indexOf("reply-text=");
    if (replyText >= 0) {
      int end = reason.indexOf(", class-id", replyText);
      reason =
          reason.substring(replyText + "reply-text=".length(), end < 0 ? reason.length() : end);
    }
    if (reason.contains("vhost")) {
      reason += " (the virtual host is the path at the end of --amqp-url / AMQP_URL; %2F is '/')";
    }
    return new BrokerUnavailableException(
        "cannot open a connection to RabbitMQ at " + where + ": " + Bounded.text(reason), e);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailableException("interrupted while connecting", e);
    }
  }
}
