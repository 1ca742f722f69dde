package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.taskfleet.worker.LoopEvent.Confirmed;
import io.taskfleet.worker.LoopEvent.Delivery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the loop counts the worker idle, so that its last results message carries a snapshot. */
class IdleWorkerTest {

  private static final Delivery DELIVERY =
      new Delivery(1, 7, new AMQP.BasicProperties(), new byte[0], false);

  @Test
  void confirmsStillWaitingBringNoWork() {
    // Under load the broker's confirms of the last publishes are often in the mailbox already.
    assertThat(ConsumerLoop.idle(0, List.of(new Confirmed(1, 3, true, true)))).isTrue();
    assertThat(ConsumerLoop.idle(0, List.of())).isTrue();
  }

  @Test
  void aTaskComputingOrADeliveryWaitingIsWork() {
    assertThat(ConsumerLoop.idle(1, List.of())).isFalse();
    assertThat(ConsumerLoop.idle(0, List.of(new Confirmed(1, 3, true, true), DELIVERY))).isFalse();
  }
}
