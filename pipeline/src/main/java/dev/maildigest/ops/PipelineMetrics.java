package dev.maildigest.ops;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The pipeline's own meters, on Micrometer's global registry so that any stage counts without
 * plumbing: {@code PipelineMetrics.messagesIngested("kvm").increment()}.
 *
 * <p>The global registry is a composite that drops what it records while it has no child; this
 * class gives it its Prometheus registry as soon as any stage touches a meter, so nothing counted
 * before the metrics endpoint starts is lost. Names below are Micrometer's; Prometheus shows them
 * with underscores, the base unit ({@code _bytes}, {@code _seconds}) and {@code _total} on
 * counters (README, "Operating it"). Kafka's own client metrics pass through with Kafka's names,
 * each once ({@link KafkaTopicTwins}).
 */
public final class PipelineMetrics {
    public static final String MESSAGES_INGESTED = "maildigest.messages.ingested";
    public static final String BYTES_INGESTED = "maildigest.ingested";
    public static final String MESSAGES_PARSED = "maildigest.messages.parsed";
    public static final String DEAD_LETTERED = "maildigest.messages.dead.lettered";
    public static final String DIGESTS_EMITTED = "maildigest.digests.emitted";
    public static final String RANGES_OPEN = "maildigest.ranges.open";
    public static final String COMMITS_BEHIND = "maildigest.commits.behind";
    public static final String STAGE_TIME = "maildigest.stage.time";
    /** Prometheus' standard name for a process' CPU time: process_cpu_seconds_total. */
    static final String PROCESS_CPU = "process.cpu";

    private static final PrometheusMeterRegistry PROMETHEUS = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Open ranges of each stream task of this process, counted from the task's store (see rangesOpen). */
    private static final Map<String, Integer> RANGES_OPEN_BY_TASK = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> COMMITS_BEHIND_BY_ARCHIVE = new ConcurrentHashMap<>();

    static {
        KafkaTopicTwins.install(PROMETHEUS);
        // Micrometer counts process CPU in nanoseconds (process_cpu_time_ns_total); Prometheus'
        // own name and unit for it is process_cpu_seconds_total, registered below instead.
        PROMETHEUS.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        Metrics.globalRegistry.add(PROMETHEUS);
        MeterRegistry global = Metrics.globalRegistry;
        // A few JVM meters beside the pipeline's: memory and threads tell a stuck or starving stage.
        new JvmMemoryMetrics().bindTo(global);
        new JvmThreadMetrics().bindTo(global);
        new ProcessorMetrics().bindTo(global);
        new UptimeMetrics().bindTo(global);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder(PROCESS_CPU, os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the process").register(global);
        }
        Gauge.builder(RANGES_OPEN, RANGES_OPEN_BY_TASK, byTask -> byTask.values().stream().mapToInt(Integer::intValue).sum())
                .description("Commit ranges whose messages are not all in yet (digest not emitted)")
                .strongReference(true)
                .register(global);
    }

    private PipelineMetrics() {
    }

    /** Where every meter of the process is: the global registry, its Prometheus child attached. */
    public static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** The Prometheus text (format 0.0.4) of every meter of the process. */
    public static String scrape() {
        return PROMETHEUS.scrape(OpsServer.PROMETHEUS_TEXT);
    }

    /** Messages the ingester published to mail.raw. */
    public static Counter messagesIngested(String list) {
        return Counter.builder(MESSAGES_INGESTED).tag("list", list)
                .description("Messages published to the raw topic").register(registry());
    }

    /** Raw message bytes the ingester published to mail.raw. */
    public static Counter bytesIngested(String list) {
        return Counter.builder(BYTES_INGESTED).tag("list", list).baseUnit("bytes")
                .description("Raw message bytes published to the raw topic").register(registry());
    }

    /** Messages the topology parsed into a structured mail. */
    public static Counter messagesParsed() {
        return Counter.builder(MESSAGES_PARSED)
                .description("Raw messages parsed into structured mails").register(registry());
    }

    /** Records sent to mail.dead-letters by {@code stage} (ingest, parse, ...). */
    public static Counter deadLettered(String stage) {
        return Counter.builder(DEAD_LETTERED).tag("stage", stage)
                .description("Messages sent to the dead letter topic").register(registry());
    }

    /** Digests written to the output topics. */
    public static Counter digestsEmitted(String list) {
        return Counter.builder(DIGESTS_EMITTED).tag("list", list)
                .description("Digests emitted, one per commit range").register(registry());
    }

    /** Time spent in a stage's own work (parse, aggregate), summed over threads: what the benchmark divides by. */
    public static Timer stageTime(String stage) {
        return Timer.builder(STAGE_TIME).tag("stage", stage)
                .description("Time spent in the stage's own code, all threads together").register(registry());
    }

    /**
     * Ranges started and not yet digested, as the stream task {@code task} counts them in its store
     * (after a restart too, from the restored store); the gauge is the sum over this process's tasks.
     */
    public static void rangesOpen(String task, int open) {
        RANGES_OPEN_BY_TASK.put(task, open);
    }

    /** The task left this process (closed, or moved to another instance): its ranges count there. */
    public static void forgetRangesOpen(String task) {
        RANGES_OPEN_BY_TASK.remove(task);
    }

    /**
     * Commits upstream has that an archive has not ingested yet; the ingester sets it after each
     * poll. {@code archive} is the archive's name, as it keys its checkpoint (e.g. kvm).
     */
    public static AtomicLong commitsBehind(String archive) {
        return COMMITS_BEHIND_BY_ARCHIVE.computeIfAbsent(archive, a -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(COMMITS_BEHIND, value, AtomicLong::get).tag("archive", withoutCredentials(a))
                    .description("Commits upstream that are not ingested yet")
                    .strongReference(true)
                    .register(registry());
            return value;
        });
    }

    /** An archive URL as a label: {@code https://user:token@host/x} must not reach a dashboard. */
    static String withoutCredentials(String archive) {
        return archive.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** The commits-behind value of an archive if this process tracks it, else null. */
    static Long commitsBehindIfKnown(String archive) {
        AtomicLong value = COMMITS_BEHIND_BY_ARCHIVE.get(archive);
        return value == null ? null : value.get();
    }
}
