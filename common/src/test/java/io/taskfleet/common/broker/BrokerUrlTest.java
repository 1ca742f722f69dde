package io.taskfleet.common.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.ConfigException;
import org.junit.jupiter.api.Test;

class BrokerUrlTest {

  @Test
  void defaultUrlParsesToTheLocalGuestBroker() {
    BrokerUrl url = BrokerUrl.parse(BrokerUrl.DEFAULT);

    assertThat(url).isEqualTo(new BrokerUrl(false, "localhost", 5672, "/", "guest", "guest"));
  }

  @Test
  void passwordIsNeverPrinted() {
    BrokerUrl url = BrokerUrl.parse("amqp://fleet:s3cr%40t@rabbit.example:5673/prod");

    assertThat(url.password()).isEqualTo("s3cr@t");
    assertThat(url.virtualHost()).isEqualTo("prod");
    assertThat(url.toString()).isEqualTo("amqp://fleet:****@rabbit.example:5673/prod");
    assertThat(url.toString()).doesNotContain("s3cr");
  }

  @Test
  void amqpsDefaultsToPort5671AndTls() {
    BrokerUrl url = BrokerUrl.parse("amqps://u:p@broker");

    assertThat(url.tls()).isTrue();
    assertThat(url.port()).isEqualTo(5671);
    assertThat(url.toConnectionFactory().isSSL()).isTrue();
  }

  @Test
  void unparseableUrlGivesOneClearLineWithoutThePassword() {
    assertThatThrownBy(() -> BrokerUrl.parse("amqp://u:hunter2@bad host:5672"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot parse broker URL")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> BrokerUrl.parse("http://localhost"))
        .hasMessageContaining("must start with amqp:// or amqps://");
    assertThatThrownBy(() -> BrokerUrl.parse("")).hasMessageContaining("empty");
  }

  @Test
  void redactHidesPasswordsInFreeText() {
    assertThat(BrokerUrl.redact("amqp://user:pw@host/vh")).isEqualTo("amqp://user:****@host/vh");
  }
}
