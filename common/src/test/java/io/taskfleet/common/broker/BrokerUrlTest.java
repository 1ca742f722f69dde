package io.taskfleet.common.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.taskfleet.common.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "amqp://fleet:pa/ss-SECRET@rabbit.example:5672/%2F",
        "amqp://fleet:pa@ss-SECRET@rabbit.example:5672/%2F",
        "amqp://fleet:pa:ss-SECRET@rabbit.example:5672/%2F",
        "amqp://fleet:pa%ss-SECRET@rabbit.example:5672/%2F",
        "amqp://fleet:p/a@s:s%-SECRET@rabbit.example/%2F",
        "amqp://fleet:pa ss-SECRET@rabbit.example/%2F",
        "amqp://fleet:pä/ss-SECRET@rabbit.example/%2F",
        "amqp://fleet:pa/ss-SECRET",
        "amqp://fleet:pa/ss-SECRET@",
        "amqps://fleet:/pa/ss-SECRET@/",
        "fleet:pa/ss-SECRET@rabbit.example",
        "http://fleet:pa/ss-SECRET@rabbit.example"
      })
  void aPasswordWithAnyCharacterIsNeverPrintedInAnError(String url) {
    Throwable error = catchThrowable(() -> BrokerUrl.parse(url));

    if (error != null) {
      assertThat(error).isInstanceOf(ConfigException.class);
      assertThat(error.getMessage()).doesNotContain("SECRET").doesNotContain("ss-");
    } else {
      assertThat(BrokerUrl.parse(url).toString()).doesNotContain("SECRET");
    }
    assertThat(BrokerUrl.redact(url)).doesNotContain("SECRET");
  }

  @Test
  void aSlashInThePasswordNamesNoHostWithoutShowingThePassword() {
    assertThatThrownBy(() -> BrokerUrl.parse("amqp://fleet:ab/cd@rabbit.example:5672/%2F"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("names no host")
        .hasMessageContaining("amqp://fleet:****@rabbit.example:5672/%2F")
        .hasMessageNotContaining("ab/cd")
        .hasMessageNotContaining("cd@");
  }

  @Test
  void redactAllHidesEachUrlInFreeTextAndKeepsTheRest() {
    String text =
        "cannot parse broker URL 'amqp://u:p/w-SECRET@h:5672/%2F': bad; expected"
            + " amqp://user:password@host:5672/vhost";

    assertThat(BrokerUrl.redactAll(text))
        .isEqualTo(
            "cannot parse broker URL 'amqp://u:****@h:5672/%2F': bad; expected"
                + " amqp://user:****@host:5672/vhost");
    assertThat(BrokerUrl.redactAll("no url here")).isEqualTo("no url here");
    assertThat(BrokerUrl.redactAll("GET http://localhost:8080/x failed"))
        .isEqualTo("GET http://localhost:8080/x failed");
  }

  @Test
  void redactKeepsAUrlWithoutPasswordReadable() {
    assertThat(BrokerUrl.redact("amqp://host:5672/%2F")).isEqualTo("amqp://host:5672/%2F");
    assertThat(BrokerUrl.redact("amqp://host")).isEqualTo("amqp://host");
    assertThat(BrokerUrl.redact("amqp://user@host/vh")).isEqualTo("amqp://user@host/vh");
    assertThat(BrokerUrl.redact(null)).isEmpty();
    assertThat(BrokerUrl.redact("http://example.com/a:b")).isEqualTo("http://example.com/a:b");
    assertThat(BrokerUrl.redact("http://u:pw@example.com/a"))
        .isEqualTo("http://u:****@example.com/a");
  }

  @Test
  void aHugeOrMultiLineUrlIsShownBoundedOnOneLine() {
    String huge = "amqp://host/" + "v".repeat(100_000) + "\nforged line";

    String shown = BrokerUrl.redact(huge);

    assertThat(shown).hasSizeLessThan(BrokerUrl.MAX_SHOWN_CHARS + 40).doesNotContain("\n");
    assertThat(catchThrowable(() -> BrokerUrl.parse(huge)).getMessage()).hasSizeLessThan(1_000);
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
