package io.taskfleet.common.kinds;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Parameters of a {@code cpu} task.
 *
 * @param iterations how many numbers the loop adds up, 0..iterations-1
 */
public record CpuParams(@JsonProperty(required = true) long iterations) {}
