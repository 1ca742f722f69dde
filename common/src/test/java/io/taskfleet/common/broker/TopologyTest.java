package io.taskfleet.common.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Connection;
import io.taskfleet.common.ConfigException;
import io.taskfleet.common.FleetException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class TopologyTest {

  @Test
  void quorumTaskQueueDeadLettersWithADeliveryLimit() {
    Topology topology = new Topology("tasks", QueueType.QUORUM, 5);

    assertThat(topology.taskQueueArguments())
        .containsEntry("x-queue-type", "quorum")
        .containsEntry("x-dead-letter-exchange", "tasks.dlx")
        .containsEntry("x-delivery-limit", 5);
    assertThat(topology.deadLetterQueue()).isEqualTo("tasks.dead");
    assertThat(topology.resultQueue("r1")).isEqualTo("tasks.results.r1");
  }

  @Test
  void classicQueueHasNoDeliveryLimitArgument() {
    assertThat(new Topology("t", QueueType.CLASSIC, 5).taskQueueArguments())
        .containsEntry("x-queue-type", "classic")
        .doesNotContainKey("x-delivery-limit");
  }

  @Test
  void reservedOrEmptyNamesAreRefused() {
    assertThatThrownBy(() -> new Topology("amq.x", QueueType.QUORUM, 5))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> new Topology("", QueueType.QUORUM, 5)).hasMessageContaining("empty");
  }

  /** A connection whose every channel fails with the given broker text. */
  private static Connection failingWith(String text) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("createChannel")) {
                throw new IOException(text);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void aHugeBrokerReplyIsQuotedBoundedAndOnOneLine() {
    Topology topology = new Topology("tasks", QueueType.QUORUM, 5);
    String huge = "reply-text=" + "q\n".repeat(100_000) + ", class-id=50";

    assertThatThrownBy(() -> topology.declare(failingWith(huge)))
        .isInstanceOf(FleetException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500).doesNotContain("\n"));
    assertThatThrownBy(() -> topology.declare(failingWith("PRECONDITION_FAILED - " + huge)))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .hasSizeLessThan(800)
                    .contains("more chars")
                    .contains("rabbitmqctl delete_queue tasks")
                    .doesNotContain("\n"));
  }

  @Test
  void resultQueuesAreClassicUnlessAskedToBeReplicated() {
    Topology topology = new Topology("tasks", QueueType.QUORUM, 5);

    assertThat(topology.resultQueueArguments())
        .containsEntry("x-queue-type", "classic")
        .containsEntry("x-expires", 300_000);
    assertThat(topology.withResultQueueType(QueueType.QUORUM).resultQueueArguments())
        .containsEntry("x-queue-type", "quorum")
        .containsEntry("x-expires", 300_000);
  }
}
