package io.taskfleet.common.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
