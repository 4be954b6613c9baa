package dev.maildigest.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a poll round cost, logged after each (at debug level when it found nothing): wall time, the CPU of the ingest workers (the cost of
 * following, which should grow with the mail and barely with the number of archives), the CPU of
 * the whole process over the same time, threads and heap in use.
 */
final class RoundCost {
    private static final Logger log = LoggerFactory.getLogger(RoundCost.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLong workerCpu = new AtomicLong();
    private long startedAt;
    private long processCpuAtStart;

    void start() {
        workerCpu.set(0);
        startedAt = System.nanoTime();
        processCpuAtStart = processCpu();
    }

    /** CPU time of the calling thread so far, in ns (-1 when the JVM does not measure it). */
    static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** A worker's share of the round took {@code cpu} ns of its thread. */
    void addWorkerCpu(long cpu) {
        if (cpu > 0) {
            workerCpu.addAndGet(cpu);
        }
    }

    void log(int archives, IngestSummary published) {
        long wall = System.nanoTime() - startedAt;
        long process = processCpu();
        Runtime runtime = Runtime.getRuntime();
        // A round that found nothing is routine for a follower (every --interval, for months): it stays
        // off the console unless asked for with -Dlogback.level=debug.
        org.slf4j.event.Level level = published.messages() > 0 ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.DEBUG;
        log.atLevel(level).log("poll round archives={} messages={} wall_ms={} worker_cpu_ms={} process_cpu_ms={} threads={} heap_used_mb={}",
                archives, published.messages(), wall / 1_000_000, workerCpu.get() / 1_000_000,
                process < 0 || processCpuAtStart < 0 ? -1 : (process - processCpuAtStart) / 1_000_000,
                THREADS.getThreadCount(), (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
