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

  @Test
  void severalNodesShareCredentialsVirtualHostAndTls() {
    BrokerUrl url = BrokerUrl.parse("amqp://fleet:s3cret@rabbit1:5672,rabbit2:5673,rabbit3/prod");

    assertThat(url.nodes())
        .containsExactly(
            new BrokerUrl.Node("rabbit1", 5672),
            new BrokerUrl.Node("rabbit2", 5673),
            new BrokerUrl.Node("rabbit3", 5672));
    assertThat(url.addresses())
        .extracting(a -> a.getHost() + ":" + a.getPort())
        .containsExactly("rabbit1:5672", "rabbit2:5673", "rabbit3:5672");
    assertThat(url.username()).isEqualTo("fleet");
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url.virtualHost()).isEqualTo("prod");
    assertThat(url.host()).isEqualTo("rabbit1");
  }

  @Test
  void severalNodesArePrintedWithoutThePassword() {
    String text = "amqps://fleet:hunter2@a.example,b.example:5681/%2F";
    BrokerUrl url = BrokerUrl.parse(text);

    assertThat(url.tls()).isTrue();
    assertThat(url.toString()).isEqualTo("amqps://fleet:****@a.example:5671,b.example:5681/%2F");
    assertThat(BrokerUrl.redact(text)).isEqualTo("amqps://fleet:****@a.example,b.example:5681/%2F");
  }

  @Test
  void badNodeInAListIsReportedWithoutThePassword() {
    assertThatThrownBy(() -> BrokerUrl.parse("amqp://u:hunter2@rabbit1,,rabbit3/%2F"))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> BrokerUrl.parse("amqp://u:hunter2@rabbit1,rabbit1/%2F"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("twice")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void oneNodeUrlKeepsItsSingleAddress() {
    BrokerUrl url = BrokerUrl.parse("amqp://u:p@rabbit:5680/%2F");

    assertThat(url.nodes()).containsExactly(new BrokerUrl.Node("rabbit", 5680));
    assertThat(url.toString()).isEqualTo("amqp://u:****@rabbit:5680/%2F");
  }
}
