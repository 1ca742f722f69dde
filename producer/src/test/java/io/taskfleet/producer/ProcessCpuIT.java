package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker's CPU is read from the one RabbitMQ process that listens on the URL's port. */
class ProcessCpuIT {

  @Test
  void theLocalBrokerIsTheProcessListeningOnItsPort() throws Exception {
    BrokerUrl url = TestBroker.url();
    assumeTrue(url.isLoopback(), "the test broker is not on this machine: " + url.host());

    List<Long> pids = ProcessCpu.localBrokers(List.of(url.port()));

    assertThat(pids).hasSize(1);
    String cmdline =
        new String(Files.readAllBytes(Path.of("/proc", pids.get(0).toString(), "cmdline")));
    assertThat(cmdline).contains("rabbit");
    assertThat(ProcessCpu.of(pids.get(0))).isPresent();
  }

  @Test
  void theBrokerFoundOnceIsRememberedWhileItRuns() {
    BrokerUrl url = TestBroker.url();
    assumeTrue(url.isLoopback(), "the test broker is not on this machine: " + url.host());
    List<Integer> ports = List.of(url.port());

    List<Long> first = ProcessCpu.remembered(ports);

    assertThat(first).isEqualTo(ProcessCpu.localBrokers(ports)).hasSize(1);
    assertThat(ProcessCpu.remembered(ports)).isSameAs(first);
  }

  @Test
  void aPortNoBrokerListensOnFindsNoneUnlessOnlyOneBrokerRuns() {
    List<Long> all = ProcessCpu.localBrokers();

    List<Long> pids = ProcessCpu.localBrokers(List.of(1));

    assertThat(pids).isEqualTo(all.size() == 1 ? all : List.of());
  }
}
