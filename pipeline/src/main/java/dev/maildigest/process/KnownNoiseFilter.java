package dev.maildigest.process;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops warnings that Kafka prints on every start although the pipeline did what they ask, so that
 * a WARN on the console always means something. Matched by logger and message start, nothing wider.
 */
public final class KnownNoiseFilter extends TurboFilter {
    /**
     * The pipeline sets {@code processing.exception.handler.global.enabled} (PipelineConfig), but Kafka
     * Streams also builds internal copies of its config without it, one per stream thread, and each warns.
     */
    private static final String GLOBAL_HANDLER = "Processing exception handler is not enabled for the GlobalThread";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == Level.WARN && format != null && format.startsWith(GLOBAL_HANDLER)
                && logger.getName().equals("org.apache.kafka.streams.StreamsConfig")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
