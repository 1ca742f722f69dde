package io.taskfleet.common.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a task was computed. */
public enum TaskStatus {
  @JsonProperty("ok")
  OK,
  @JsonProperty("failed")
  FAILED
}
