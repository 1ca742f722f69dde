package io.taskfleet.common.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import io.taskfleet.common.ConfigException;
import io.taskfleet.common.cli.EnvironmentDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials come from the URL, the environment or a file, and are never printed; TLS verifies.
 */
class BrokerCredentialsTest {

  @TempDir Path dir;

  @Test
  void urlFileIsReadOnceAndWinsOverTheUrl() throws Exception {
    Path file =
        Files.writeString(dir.resolve("amqp-url"), "amqp://fleet:from-file@rabbit:5672/prod\n");

    BrokerUrl url = BrokerUrlSource.resolve(BrokerUrl.DEFAULT, file);

    assertThat(url.username()).isEqualTo("fleet");
    assertThat(url.password()).isEqualTo("from-file");
    assertThat(url.host()).isEqualTo("rabbit");
    assertThat(url.toString()).doesNotContain("from-file");
  }

  @Test
  void withoutAFileTheUrlIsUsed() {
    assertThat(BrokerUrlSource.resolve("amqp://a:b@h/%2F", null).host()).isEqualTo("h");
  }

  @Test
  void urlFileIsSetByAmqpUrlFileInTheEnvironment() {
    assertThat(EnvironmentDefaults.variableFor("WORKER", "--amqp-url-file"))
        .isEqualTo("AMQP_URL_FILE");
    assertThat(EnvironmentDefaults.variableFor("PRODUCER", "--amqp-url-file"))
        .isEqualTo("AMQP_URL_FILE");
  }

  @Test
  void missingOrEmptyOrHugeFileGivesOneLineThatNamesTheFileNotItsContents() throws Exception {
    Path missing = dir.resolve("nope");
    Path empty = Files.writeString(dir.resolve("empty"), "  \n");
    Path huge = Files.writeString(dir.resolve("huge"), "amqp://u:topsecret@h/" + "x".repeat(9_000));
    Path bad = Files.writeString(dir.resolve("bad"), "amqp://u:topsecret@bad host:5672");

    assertThatThrownBy(() -> BrokerUrlSource.resolve(BrokerUrl.DEFAULT, missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> BrokerUrlSource.resolve(BrokerUrl.DEFAULT, empty))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> BrokerUrlSource.resolve(BrokerUrl.DEFAULT, huge))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> BrokerUrlSource.resolve(BrokerUrl.DEFAULT, bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("topsecret")
        .hasMessageContaining("u:****@");
  }

  @Test
  void amqpsUsesTheJvmTrustStoreAndVerifiesTheHostName() throws Exception {
    ConnectionFactory factory = BrokerUrl.parse("amqps://u:p@broker.example").toConnectionFactory();
    SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket();

    factory.getSocketConfigurator().configure(socket);

    assertThat(factory.isSSL()).isTrue();
    assertThat(factory.getPort()).isEqualTo(5671);
    assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm())
        .as("hostname verification")
        .isEqualTo("HTTPS");
    socket.close();
  }

  @Test
  void plainAmqpDoesNotUseTls() {
    assertThat(BrokerUrl.parse("amqp://u:p@h").toConnectionFactory().isSSL()).isFalse();
  }
}
