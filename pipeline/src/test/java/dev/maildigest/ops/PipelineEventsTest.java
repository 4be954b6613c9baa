package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class PipelineEventsTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PipelineEvents.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aDigestIsOneKeyValueLineAndMovesTheDigestCounter() {
        double before = PipelineMetrics.digestsEmitted("events-test").count();

        PipelineEvents.digestEmitted("events-test", "26b723fc", "98cb905c", 40, 2);

        assertEquals(List.of("digest emitted list=events-test first=26b723fc last=98cb905c messages=40 unreadable=2"), lines());
        assertEquals(before + 1, PipelineMetrics.digestsEmitted("events-test").count());
    }

    @Test
    void valuesThatWouldSplitAPairAreQuoted() {
        assertEquals("\"/srv/my lists/kvm\"", PipelineEvents.value("/srv/my lists/kvm"));
        assertEquals("\"a=\\\"b\\\"\"", PipelineEvents.value("a=\"b\""));
        assertEquals("kvm", PipelineEvents.value("kvm"));
        assertEquals("-", PipelineEvents.value(null));
    }
}
