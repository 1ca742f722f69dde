package io.taskfleet.examples.sha256;

/**
 * Parameters of a {@code sha256} task: {@code {"bytes":65536,"rounds":100,"seed":7}}.
 *
 * @param bytes how many pseudo-random bytes to generate from {@code seed} and hash first
 * @param rounds how many times to hash: the bytes once, then each digest again
 * @param seed what the bytes are drawn from
 */
public record Sha256Params(int bytes, int rounds, long seed) {}
