package io.taskfleet.common.kinds;

/**
 * Parameters of an {@code http} task.
 *
 * @param url the http(s) URL to download
 */
public record HttpParams(String url) {}
