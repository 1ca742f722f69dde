package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.protocol.WorkerUsage;
import io.taskfleet.common.protocol.WorkerUsage.ThreadUsage;
import io.taskfleet.common.time.CpuClock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UsageMeterTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicLong cpu = new AtomicLong(0);
  private final UsageMeter meter = new UsageMeter(now::get, cpu::get);

  private static ThreadUsage thread(WorkerUsage usage, String name) {
    return usage.threads().stream().filter(t -> t.thread().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void eachThreadAddsToItsOwnCountersUnderItsName() throws InterruptedException {
    Thread computeThread =
        new Thread(
            () -> {
              meter.current().compute(300);
              meter.current().compute(200);
            },
            "fleet-worker-1");
    computeThread.start();
    computeThread.join();
    Thread loop =
        new Thread(
            () -> {
              meter.current().codec(40);
              meter.current().messaging(70);
            },
            "fleet-worker-loop");
    loop.start();
    loop.join();

    WorkerUsage usage = meter.snapshot();

    assertThat(usage.threads())
        .extracting(ThreadUsage::thread)
        .containsExactly("fleet-worker-1", "fleet-worker-loop");
    assertThat(thread(usage, "fleet-worker-1"))
        .isEqualTo(new ThreadUsage("fleet-worker-1", 500, 0, 0));
    assertThat(thread(usage, "fleet-worker-loop"))
        .isEqualTo(new ThreadUsage("fleet-worker-loop", 0, 40, 70));
  }

  @Test
  void snapshotsGrowWithUptimeCpuAndCounters() {
    meter.current().compute(10);
    WorkerUsage first = meter.snapshot();
    now.addAndGet(5_000);
    cpu.set(7_000);
    meter.current().compute(15);
    meter.current().codec(3);

    WorkerUsage second = meter.snapshot();

    assertThat(first.uptimeNanos()).isZero();
    assertThat(second.uptimeNanos()).isEqualTo(5_000);
    assertThat(second.cpuNanos()).isEqualTo(7_000);
    String me = Thread.currentThread().getName();
    assertThat(thread(second, me).computeNanos()).isEqualTo(25);
    assertThat(thread(second, me).codecNanos()).isEqualTo(3);
  }

  @Test
  void negativeDurationsAndAnUnknownCpuTimeCountAsZero() {
    UsageMeter unknownCpu = new UsageMeter(now::get, () -> -1);
    unknownCpu.current().messaging(-5);

    WorkerUsage usage = unknownCpu.snapshot();

    assertThat(usage.cpuNanos()).isZero();
    assertThat(usage.threads()).singleElement().extracting(ThreadUsage::busyNanos).isEqualTo(0L);
  }

  @Test
  void snapshotRoundTripsThroughResultHeaders() {
    meter.current().compute(123);

    WorkerUsage usage = meter.snapshot();

    assertThat(WorkerUsage.fromHeaders(usage.toHeaders())).contains(usage);
  }

  @Test
  void theProcessCpuClockReadsThisJvmsCpuTime() {
    long before = CpuClock.process().getAsLong();
    long sum = 0;
    for (int i = 0; i < 5_000_000; i++) {
      sum += i ^ (sum >>> 3);
    }

    long after = CpuClock.process().getAsLong();

    assertThat(sum).isNotZero();
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void threadsOfAPoolCanShareOneEntry() throws InterruptedException {
    UsageMeter pooled =
        new UsageMeter(now::get, cpu::get, n -> n.startsWith("fleet-io-") ? "fleet-io" : n);
    Thread[] io = new Thread[8];
    for (int i = 0; i < io.length; i++) {
      io[i] = new Thread(() -> pooled.current().compute(100), "fleet-io-" + (i + 1));
      io[i].start();
    }
    for (Thread t : io) {
      t.join();
    }

    WorkerUsage usage = pooled.snapshot();

    assertThat(usage.threads()).singleElement().isEqualTo(new ThreadUsage("fleet-io", 800, 0, 0));
  }
}
