package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerTagTest {

  @Test
  void aSubscriptionWithAPrefetchUsedBeforeStillGetsATagOfItsOwn() {
    // prefetch 200, then 41, then 200 again: RabbitMQ 3.10 crashes the channel if a quorum queue
    // consumer is cancelled and the same tag subscribes at once (rabbitmq-server#5927).
    String first = ConsumerLoop.consumerTag("taskfleet-worker vm:7385", 1, 1, 200);
    String again = ConsumerLoop.consumerTag("taskfleet-worker vm:7385", 1, 3, 200);

    assertThat(first).isEqualTo("taskfleet-worker-vm-7385-1-1-prefetch-200");
    assertThat(again).isNotEqualTo(first);
  }
}
