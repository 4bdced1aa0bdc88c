package io.bidtrack.coldstore.sink;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The steps by which a rotation stores buffered records, in order. Each names what is done when it is
 * reached; a crash between two of them must neither lose nor duplicate a record. The crash test stops
 * the sink at each one ({@link PauseHook}) and kills it there.
 */
public enum SinkStep {
    /** A file's records are in its temporary file, not yet forced to disk. */
    WRITTEN,
    /** The temporary file is forced to disk, not yet renamed to its final name. */
    SYNCED,
    /** The file has its final name (and the rename is durable); its lake partition may be unknown to Trino. */
    RENAMED,
    /** Every file of the rotation is published and its lake partition registered; offsets are not committed. */
    REGISTERED,
    /** The offsets after the rotation's records are committed to Kafka. */
    COMMITTED;

    /** The step's name in settings and output: {@code written}, {@code synced}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the steps there are */
    public static SinkStep parse(String label) {
        return Arrays.stream(values()).filter(step -> step.label().equalsIgnoreCase(label.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a step of the sink; the steps are "
                        + Arrays.stream(values()).map(SinkStep::label).collect(Collectors.joining(", "))));
    }
}
