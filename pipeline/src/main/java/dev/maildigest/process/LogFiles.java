package dev.maildigest.process;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;

/**
 * The log file of a process that keeps a data folder, like Kafka's {@code server.log}: everything
 * at INFO, the embedded broker's and controller's and Kafka's clients' included, so that the
 * console keeps to the pipeline's own events. Rolled at 100 MB, five files kept: a pipeline left
 * running for months does not fill the disk.
 */
public final class LogFiles {
    /** Logger for what a user needs only when a one-line error is not enough: the file alone gets it. */
    public static final String DETAIL = "maildigest.detail";
    /** Kafka's loggers (broker, controller, raft, clients, Streams). */
    private static final String[] KAFKA = {"kafka", "org.apache.kafka", "state.change.logger"};
    static final String FILE = "server.log";

    /** The Kafka loggers' levels before the file took them, for {@link #stop()}. */
    private static final Map<String, Level> consoleLevels = new HashMap<>();

    private LogFiles() {
    }

    /**
     * For the split-mode commands ({@code stream}, {@code ingest}, {@code serve}, {@code registry
     * --log-dir}): {@link #writeTo} {@code dir}, and one console line that says where, as `run`'s
     * banner does.
     */
    public static Path announce(Path dir) {
        Path file = writeTo(dir);
        if (file != null) {
            LoggerFactory.getLogger(LogFiles.class).info("log file={} (Kafka's logs, details of errors)", file);
        }
        return file;
    }

    /** Starts writing {@code dir}/server.log and sends Kafka's logs there instead of the console. */
    public static synchronized Path writeTo(Path dir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null; // another SLF4J binding (tests may use one): nothing to redirect
        }
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(FILE) != null) {
            return file; // bench runs several passes in one process: the first file stays
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("[%d{ISO8601}] %-5level %msg \\(%logger\\) [%thread]%n"); // parentheses escaped: they group in logback patterns
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE);
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("100MB"));
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        rolling.start();
        trigger.start();
        appender.start();

        root.addAppender(appender);
        for (String name : KAFKA) {
            Logger kafka = context.getLogger(name);
            consoleLevels.put(name, kafka.getLevel());
            kafka.setLevel(Level.INFO);
            kafka.setAdditive(false);
            kafka.addAppender(appender);
        }
        context.getLogger(DETAIL).addAppender(appender);
        return file;
    }

    /**
     * Closes the file and gives Kafka's logs back to the console. A process ends with its command,
     * so only a JVM that runs several commands needs it: tests that run a split-mode command in
     * process, so that later tests' broker logs are not written to a folder already deleted.
     */
    public static synchronized void stop() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(FILE);
        if (appender == null) {
            return;
        }
        root.detachAppender(appender);
        context.getLogger(DETAIL).detachAppender(appender);
        for (String name : KAFKA) {
            Logger kafka = context.getLogger(name);
            kafka.detachAppender(appender);
            kafka.setAdditive(true);
            kafka.setLevel(consoleLevels.remove(name));
        }
        appender.stop();
    }
}
