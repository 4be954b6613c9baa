package dev.maildigest.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.CommitRange;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.config.UserError;
import dev.maildigest.digest.DigestSink;
import dev.maildigest.ingest.ArchiveEntry;
import dev.maildigest.ingest.ArchiveReader;
import dev.maildigest.ingest.ArchiveReaders;
import dev.maildigest.ingest.ArchiveSpec;
import dev.maildigest.ingest.IngestOptions;
import dev.maildigest.ingest.IngestSummary;
import dev.maildigest.ingest.Ingester;
import dev.maildigest.ops.PipelineMetrics;
import dev.maildigest.pipeline.AllInOnePipeline;
import dev.maildigest.parse.MailParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures the pipeline end to end on a real archive: a fresh embedded Kafka and",
            "Schema Registry, ingest → parse → digests with exactly-once on, then reports",
            "messages, MB, wall time, msgs/s, MB/s, time to first digest, each stage's",
            "throughput, peak heap, peak RSS and GC time.",
            "",
            "Examples:",
            "  pipeline bench --archive /tmp/kvmarm/git/0.git",
            "  pipeline bench --archive /tmp/kvmarm/git/0.git --latency-probes 5 --json",
            "  pipeline bench --archive /tmp/kvmarm/git/0.git --warm-up",
            "  pipeline bench --archive /tmp/kvmarm/git/0.git --parse-only",
            ""})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--archive", required = true, paramLabel = "PATH|URL",
            description = "The archive to measure: any ARCHIVE that `ingest` takes.")
    String archive;

    @Option(names = "--json", description = "Print the figures as one JSON line.")
    boolean json;

    @Option(names = "--parse-only", description = "Measure the parser alone over the archive held in memory, on all cores.")
    boolean parseOnly;

    @Option(names = "--max-range", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_RANGE,
            description = "Commits per range (default: ${DEFAULT-VALUE}).")
    int maxRange;

    @Mixin
    StreamOptions stream;

    @Option(names = "--latency-probes", paramLabel = "N", defaultValue = "0",
            description = "After the backfill, follow the archive and add N messages to a copy of it one at a time,"
                    + " timing each from its commit to its digest (local git archives only; default: ${DEFAULT-VALUE}).")
    int latencyProbes;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Poll interval while following for latency probes (default: ${DEFAULT-VALUE}).")
    java.time.Duration interval;

    @Option(names = "--warm-up", description = "First run the whole benchmark once, unmeasured, in the same JVM:"
            + " the figures then show a pipeline that has been running a while rather than a cold start"
            + " (JIT compilation, class loading). --parse-only always warms up.")
    boolean warmUp;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where to keep the benchmark's broker data, one folder per pass (warm-up, measured)"
                    + " (default: a fresh temporary folder per pass, deleted after).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (warmUp && !parseOnly) {
            endToEnd("warm-up", 0);
        }
        Map<String, Object> figures = parseOnly ? parseOnly() : endToEnd("measured", latencyProbes);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(figures));
        } else {
            figures.forEach((k, v) -> out.printf("%-28s %s%n", k, v));
        }
        out.flush();
        return 0;
    }

    /** One end-to-end pass on a fresh stack, in {@code --data-dir}/{@code pass} or a temporary folder. */
    private Map<String, Object> endToEnd(String pass, int latencyProbes) throws Exception {
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("maildigest-bench") : Files.createDirectories(dataDir.resolve(pass));
        ArchiveSpec spec = ArchiveSpec.of(archive, null, null);
        LatencyProbe probe = latencyProbes > 0 ? LatencyProbe.copyOf(spec, dir.resolve("archive")) : null;
        if (probe != null) {
            spec = ArchiveSpec.of(probe.source(), spec.name(), null);
        }
        PipelineConfig config = new PipelineConfig(null, null, new Properties(), Topics.of(""));
        Map<String, Object> figures = new LinkedHashMap<>();
        Usage before = Usage.startPass();
        Usage working = null;
        double parseSpent = stageSeconds("parse");
        double aggregateSpent = stageSeconds("aggregate");
        IngestOptions options = new IngestOptions(maxRange, IngestOptions.DEFAULT_MAX_MESSAGE_BYTES, dir.resolve("mirrors"));
        try (AllInOnePipeline pipeline = AllInOnePipeline.start(new AllInOnePipeline.Settings(dir, 0, 0, config, List.of(spec),
                options, stream.threads, null, null, List.of()))) {
            Ingester ingester = pipeline.ingester();
            DigestSink sink = pipeline.sink();
            long started = System.nanoTime();
            working = Usage.now();
            IngestSummary ingest = ingester.ingestAvailable();
            long ingested = System.nanoTime();
            pipeline.awaitDigests();
            long finished = System.nanoTime();

            double wall = seconds(finished - started);
            figures.put("archive", archive);
            figures.put("warm_up", warmUp);
            figures.put("messages", ingest.messages());
            figures.put("megabytes", round(ingest.bytes() / 1e6));
            figures.put("ranges", ingest.ranges());
            figures.put("digests", sink.delivered());
            figures.put("messages_in_digests", sink.messages());
            figures.put("wall_s", round(wall));
            figures.put("msgs_per_s", Math.round(ingest.messages() / wall));
            figures.put("mb_per_s", round(ingest.bytes() / 1e6 / wall));
            figures.put("first_digest_s", sink.firstDeliveredNanos() == 0 ? null : round(seconds(sink.firstDeliveredNanos() - started)));
            figures.put("ingest_s", round(seconds(ingested - started)));
            figures.put("ingest_msgs_per_s", Math.round(ingest.messages() / seconds(ingested - started)));
            figures.put("parse_msgs_per_s", perSecond(ingest.messages(), stageSeconds("parse") - parseSpent));
            figures.put("aggregate_msgs_per_s", perSecond(ingest.messages(), stageSeconds("aggregate") - aggregateSpent));
            if (probe != null) {
                figures.putAll(probe.measure(ingester, sink, latencyProbes, interval));
            }
        } finally {
            figures.putAll(resources(before));
            if (figures.get("messages") instanceof Long messages && messages > 0) {
                figures.put("cpu_ms_per_msg", round((Double) figures.get("cpu_s") * 1e3 / messages));
                if (working != null) {
                    // The stack's start (broker, registry, topics) costs the same for any archive:
                    // per message without it is what says whether a longer archive costs more.
                    double startup = seconds(working.cpuNanos() - before.cpuNanos());
                    figures.put("startup_cpu_s", round(startup));
                    figures.put("cpu_ms_per_msg_after_startup", round(((Double) figures.get("cpu_s") - startup) * 1e3 / messages));
                }
            }
            if (temporary) {
                deleteRecursively(dir);
            }
        }
        return figures;
    }

    /** Time spent so far in the stage itself, all threads together. */
    private static double stageSeconds(String stage) {
        return PipelineMetrics.stageTime(stage).totalTime(TimeUnit.SECONDS);
    }

    private static long perSecond(long messages, double seconds) {
        return seconds == 0 ? 0 : Math.round(messages / seconds);
    }

    private Map<String, Object> parseOnly() throws Exception {
        ArchiveSpec spec = ArchiveSpec.of(archive, null, null);
        Path cache = Files.createTempDirectory("maildigest-bench-mirror");
        List<byte[]> messages = new ArrayList<>();
        long bytes = 0;
        try (ArchiveReader reader = ArchiveReaders.open(spec, IngestOptions.defaults(cache))) {
            for (ArchiveEntry entry : reader.pending(null).entries()) {
                if (!entry.deletion()) {
                    byte[] message = entry.content().load(IngestOptions.DEFAULT_MAX_MESSAGE_BYTES).bytes();
                    if (message != null) {
                        messages.add(message);
                        bytes += message.length;
                    }
                }
            }
        } finally {
            deleteRecursively(cache);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("archive", archive);
        figures.put("messages", messages.size());
        figures.put("megabytes", round(bytes / 1e6));
        figures.put("threads", threads);
        parseAll(messages, threads); // warm-up: let the JIT compile the parser first
        Usage before = Usage.startPass();
        long started = System.nanoTime();
        int failures = parseAll(messages, threads);
        double wall = seconds(System.nanoTime() - started);
        figures.put("parse_failures", failures);
        figures.put("wall_s", round(wall));
        figures.put("msgs_per_s", Math.round(messages.size() / wall));
        figures.put("mb_per_s", round(bytes / 1e6 / wall));
        figures.putAll(resources(before));
        return figures;
    }

    /** Parses every message on {@code threads} threads; returns how many failed. */
    private static int parseAll(List<byte[]> messages, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    MailParser parser = new MailParser();
                    Coordinates where = new Coordinates("bench", "memory", 0, "0", 0L, new CommitRange("0", "0", 1, 1, 0L, 0L), 0);
                    int failed = 0;
                    for (int i = first; i < messages.size(); i += threads) {
                        if (parser.parse(messages.get(i), where).getFailure() != null) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (Future<Integer> part : parts) {
                failed += part.get();
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** CPU and GC time the process has used so far: a pass reports the difference. */
    private record Usage(long cpuNanos, long gcMillis) {
        /** Also restarts the heap's peak, so that each pass reports its own. */
        static Usage startPass() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            return now();
        }

        static Usage now() {
            long gcMillis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMillis += Math.max(0, gc.getCollectionTime());
            }
            var os = ManagementFactory.getOperatingSystemMXBean();
            long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
            return new Usage(cpu, gcMillis);
        }
    }

    private static Map<String, Object> resources(Usage before) {
        Usage after = Usage.now();
        Map<String, Object> figures = new LinkedHashMap<>();
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        figures.put("peak_heap_mb", Math.round(peakHeap / 1e6));
        figures.put("max_heap_mb", Math.round(Runtime.getRuntime().maxMemory() / 1e6));
        figures.put("peak_rss_mb", peakRssMegabytes()); // the process's, warm-up included
        figures.put("gc_s", round((after.gcMillis() - before.gcMillis()) / 1e3));
        figures.put("cpu_s", round(seconds(after.cpuNanos() - before.cpuNanos())));
        figures.put("jvm", jvmOptions());
        return figures;
    }

    /** The heap, compiler and collector options this JVM was started with: the figures depend on them. */
    private static String jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X"))
                .collect(Collectors.joining(" "));
    }

    /** VmHWM of /proc/self/status: the process's peak resident set; null where there is no /proc. */
    private static Long peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1e3);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static UserError notLocalGit(String archive) {
        return new UserError("--latency-probes needs a local public-inbox git archive to grow; " + archive + " is not one");
    }
}
