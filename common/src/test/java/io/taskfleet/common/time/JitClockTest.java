package io.taskfleet.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JitClockTest {

  @Test
  void compilerThreadsAreToldByTheirNames() {
    assertThat(JitClock.isCompiler("C2 CompilerThre\n")).isTrue();
    assertThat(JitClock.isCompiler("C1 CompilerThre\n")).isTrue();
    assertThat(JitClock.isCompiler("C2 compiler\n")).isFalse();
    assertThat(JitClock.isCompiler("main\n")).isFalse();
  }

  /** Loading JUnit and AssertJ alone keeps the compilers busy for far more than a tick. */
  @Test
  void aJvmThatRanCodeHasCompiledAndItsClockOnlyGoesForward() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
    long before = JitClock.compiledNanos();
    long sink = 0;
    for (int round = 0; round < 200; round++) {
      sink += work(round);
    }

    assertThat(sink).isNotZero();
    assertThat(before).isPositive();
    assertThat(JitClock.compiledNanos()).isGreaterThanOrEqualTo(before);
  }

  private static long work(int seed) {
    long sum = seed;
    for (int i = 0; i < 100_000; i++) {
      sum = sum * 31 + i;
    }
    return sum;
  }
}
