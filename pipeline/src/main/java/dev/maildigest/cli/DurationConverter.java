package dev.maildigest.cli;

import java.time.Duration;

import dev.maildigest.config.Durations;
import picocli.CommandLine;

/** Durations as people write them (see {@link Durations}), or ISO-8601 such as PT1M. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parseShort(value).orElseGet(() -> {
            try {
                return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (examples: 30s, 5m, 1h)");
            }
        });
    }
}
