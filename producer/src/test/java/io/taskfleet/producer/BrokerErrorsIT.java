package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.testing.TestBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mistakes that need a real broker to make: each is one line and a non-zero exit. */
class BrokerErrorsIT {

  private static String withCredentials(String user, String password, String vhost) {
    BrokerUrl url = TestBroker.url();
    return "amqp://" + user + ":" + password + "@" + url.host() + ":" + url.port() + "/" + vhost;
  }

  @Test
  void wrongPasswordIsOneLineNamingTheUserButNotThePassword() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of(),
            "--amqp-url",
            withCredentials(TestBroker.url().username(), "not-the-password", "%2F"));

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err())
        .contains("refused user '" + TestBroker.url().username() + "'")
        .doesNotContain("not-the-password");
  }

  @Test
  void missingVirtualHostIsOneLineThatExplainsThePath() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of(),
            "--amqp-url",
            withCredentials(
                TestBroker.url().username(), TestBroker.url().password(), "no-such-vhost"));

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err()).contains("no-such-vhost").contains("virtual host");
  }
}
