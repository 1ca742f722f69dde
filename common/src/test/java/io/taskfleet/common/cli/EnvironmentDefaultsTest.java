package io.taskfleet.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentDefaultsTest {

  @Test
  void programOptionsTakeTheProgramPrefix() {
    assertThat(EnvironmentDefaults.variableFor("WORKER", "--threads")).isEqualTo("WORKER_THREADS");
    assertThat(EnvironmentDefaults.variableFor("PRODUCER", "--await-workers"))
        .isEqualTo("PRODUCER_AWAIT_WORKERS");
  }

  @Test
  void sharedOptionsHaveNoPrefix() {
    assertThat(EnvironmentDefaults.variableFor("WORKER", "--amqp-url")).isEqualTo("AMQP_URL");
    assertThat(EnvironmentDefaults.variableFor("PRODUCER", "--queue")).isEqualTo("TASK_QUEUE");
    assertThat(EnvironmentDefaults.variableFor("PRODUCER", "--queue-type")).isEqualTo("QUEUE_TYPE");
  }
}
