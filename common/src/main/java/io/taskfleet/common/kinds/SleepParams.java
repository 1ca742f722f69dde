package io.taskfleet.common.kinds;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Parameters of a {@code sleep} task.
 *
 * @param sleepMs how long to wait, in milliseconds
 */
public record SleepParams(@JsonProperty(required = true) long sleepMs) {}
