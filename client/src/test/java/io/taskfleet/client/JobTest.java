package io.taskfleet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.kinds.CpuKind;
import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.kinds.SleepParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTest {

  @Test
  void aJobFromAWildcardKindChecksTheParamsType() {
    assertThat(Job.of(new CpuKind(), new CpuParams(5)).params()).isEqualTo(new CpuParams(5));
    assertThatThrownBy(() -> Job.of(new CpuKind(), new SleepParams(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CpuParams");
  }

  @Test
  void eachIsAViewOfOneJobPerParams() {
    List<Job<CpuParams>> jobs =
        Job.each(new CpuKind(), List.of(new CpuParams(1), new CpuParams(2)));

    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(1).params()).isEqualTo(new CpuParams(2));
    assertThat(jobs.get(1).kind().name()).isEqualTo("cpu");
  }
}
