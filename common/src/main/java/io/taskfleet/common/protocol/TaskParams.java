package io.taskfleet.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Parameters of a task. Each kind reads the fields it needs; {@link Task} checks that they are
 * present and in range for its kind.
 *
 * @param iterations for {@code cpu}: how many numbers the loop adds up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskParams(Long iterations) {

  public static TaskParams cpu(long iterations) {
    return new TaskParams(iterations);
  }
}
