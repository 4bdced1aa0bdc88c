package io.bidtrack.loadgen;

import io.bidtrack.common.config.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Lets picocli read durations as people type them (500ms, 30s, 2m) with {@link Durations}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
