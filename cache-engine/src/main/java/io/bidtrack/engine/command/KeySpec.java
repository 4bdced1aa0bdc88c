package io.bidtrack.engine.command;

import java.util.List;

/**
 * Where a command's keys are (Redis 7 key specifications, reported by COMMAND INFO; cluster
 * clients use them to route commands). Only the simple form is needed so far: keys from argument
 * {@code beginIndex} up to {@code lastKey} (relative, -1 = last argument), every {@code keyStep}.
 *
 * @param notes free text Redis shows with some specs, or null
 * @param flags access flags such as {@code RO}, {@code RW}, {@code access}, {@code update}
 */
public record KeySpec(String notes, List<String> flags, int beginIndex, int lastKey, int keyStep, int limit) {
}
