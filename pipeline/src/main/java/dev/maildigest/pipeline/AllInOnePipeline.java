package dev.maildigest.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.digest.DigestSink;
import dev.maildigest.embedded.EmbeddedStack;
import dev.maildigest.ingest.ArchiveSpec;
import dev.maildigest.ingest.IngestOptions;
import dev.maildigest.ingest.IngestSummary;
import dev.maildigest.ingest.Ingester;
import dev.maildigest.ingest.WorkerIds;
import dev.maildigest.process.DirectoryLock;
import dev.maildigest.process.InstanceId;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.RegistryCheck;
import dev.maildigest.registry.RestSchemaRegistry;
import dev.maildigest.stream.DigestStreams;
import dev.maildigest.stream.GroupLag;

/**
 * Every stage in one process, as {@code run} and {@code bench} start it. One place decides the order:
 *
 * <ol>
 *   <li>start: lock the data folder (nothing is touched before), its log file, the embedded broker
 *       and registry (or the topics of a real cluster), the stream stage, the digest output, the
 *       ingester; then the components {@link #attach attached} by the command (metrics, web server);</li>
 *   <li>drain ({@link #awaitDigests}): until the stream stage and the output have consumed all that
 *       was committed;</li>
 *   <li>close, the reverse: attached components, ingester (after its current range), output,
 *       stream stage (leaving its group), broker and registry, the lock.</li>
 * </ol>
 *
 * A stage that dies on its own (a fatal Streams error, an output that cannot write) stops the
 * others and makes {@link #follow} and {@link #awaitDigests} fail with one line saying why.
 */
public final class AllInOnePipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AllInOnePipeline.class);

    /** What the commands choose; {@code out} and {@code outDir} may be null. */
    public record Settings(Path dataDir, int kafkaPort, int registryPort, PipelineConfig config, List<ArchiveSpec> archives,
                    IngestOptions ingest, int streamThreads, PrintStream out, Path outDir, List<DigestFormat> formats) {
    }

    private final DirectoryLock lock;
    private final Deque<AutoCloseable> attached = new ArrayDeque<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private Path logFile;
    private EmbeddedStack stack;
    private PipelineConfig config;
    private RestSchemaRegistry registry;
    private DigestStreams streams;
    private DigestSink sink;
    private Thread sinkThread;
    private Ingester ingester;
    private Thread shutdownHook;
    private boolean closed;

    private AllInOnePipeline(DirectoryLock lock) {
        this.lock = lock;
    }

    public static AllInOnePipeline start(Settings settings) {
        AllInOnePipeline pipeline = new AllInOnePipeline(DirectoryLock.acquire(settings.dataDir(), "--data-dir"));
        try {
            pipeline.startStages(settings);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startStages(Settings settings) {
        PipelineConfig configured = settings.config();
        logFile = LogFiles.writeTo(settings.dataDir().resolve("logs"));
        if (configured.embedded()) {
            stack = EmbeddedStack.start(settings.dataDir(), settings.kafkaPort(), settings.registryPort(), configured);
            config = configured.withEndpoints(stack.bootstrapServers(), stack.registryUrl());
        } else {
            configured.prepareCluster();
            config = configured;
        }
        registry = RestSchemaRegistry.of(config);
        if (stack == null) {
            RegistryCheck.require(registry, config); // the embedded one is up by construction
        }
        streams = DigestStreams.start(config, registry, DigestFormat.TEXT::render, settings.dataDir().resolve("streams"),
                settings.streamThreads());
        watch("stream-watch", () -> {
            streams.awaitStop();
            return streams.failure();
        });
        sink = new DigestSink(config, registry, settings.out(), settings.outDir(), settings.formats(),
                InstanceId.of(settings.dataDir()) + "-output");
        sinkThread = new Thread(() -> {
            sink.run();
            if (sink.failure() != null) {
                fail("the digest output stopped: " + sink.failure().getMessage());
            }
        }, "digest-output");
        sinkThread.start();
        ingester = new Ingester(settings.archives(), settings.ingest(), WorkerIds.of(settings.dataDir(), settings.ingest().workers()),
                config, registry);
    }

    /** Something that ends on its own only when it fails; {@code why} blocks and returns the reason, or null. */
    private interface Watched {
        String why() throws InterruptedException;
    }

    private void watch(String name, Watched watched) {
        Thread watcher = new Thread(() -> {
            try {
                String why = watched.why();
                if (why != null) {
                    fail(why);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        watcher.setDaemon(true);
        watcher.start();
    }

    /** A stage died: remember the first reason and stop following, so that the command can exit with it. */
    private void fail(String why) {
        if (failure.compareAndSet(null, why)) {
            log.debug("stopping the other stages: {}", why); // the command tells why, on one line
            if (ingester != null) {
                ingester.close();
            }
        }
    }

    private void throwIfFailed() {
        String why = failure.get();
        if (why != null) {
            throw new UserError(why);
        }
    }

    /**
     * Starts after the stages and closes before them, in the reverse order of attaching: what serves
     * the pipeline's results (metrics, a web server) never outlives what feeds it.
     */
    public synchronized void attach(AutoCloseable component) {
        attached.push(component);
    }

    /** Ctrl-C (SIGTERM) closes everything in order; {@link #close} from the command removes the hook. */
    public void closeOnShutdown() {
        shutdownHook = new Thread(this::close, "run-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Publishes all that the archives have now, then waits for its digests to be out. */
    public IngestSummary ingestAvailableAndDrain() throws InterruptedException, java.util.concurrent.ExecutionException {
        IngestSummary summary;
        try {
            summary = ingester.ingestAvailable();
        } catch (RuntimeException e) {
            throwIfFailed(); // an ingester closed because a stage failed: that stage's reason is the one to tell
            throw e;
        }
        awaitDigests();
        return summary;
    }

    /** Follows the archives until closed (Ctrl-C) or a stage fails. */
    public void follow(Duration interval) {
        try {
            ingester.follow(interval);
        } catch (RuntimeException e) {
            throwIfFailed();
            throw e;
        }
        throwIfFailed();
    }

    /** Waits until the stream stage and the output have consumed everything committed so far. */
    public void awaitDigests() throws InterruptedException, java.util.concurrent.ExecutionException {
        var topics = config.topics();
        try (Admin admin = Admin.create(config.admin(topics.id("maildigest-run-progress")))) {
            while (true) {
                throwIfFailed();
                List<String> streamWrites = List.of(DigestStreams.repartitionTopic(topics), DigestStreams.listRepartitionTopic(topics),
                        topics.digests());
                long behind = GroupLag.of(admin, DigestStreams.applicationId(topics), List.of(topics.raw(),
                                DigestStreams.repartitionTopic(topics), DigestStreams.listRepartitionTopic(topics)))
                        + GroupLag.of(admin, topics.id(DigestSink.GROUP), List.of(topics.digests()))
                        // after the lags: records of a stream transaction whose end is not yet marked
                        // on every partition are missed by both, the stage's offsets already showing
                        // them done (mail.raw is left out: the ingester committed before this wait)
                        + GroupLag.inOpenTransactions(admin, streamWrites);
                if (behind == 0) {
                    return;
                }
                Thread.sleep(300);
            }
        }
    }

    /** The registry client every stage uses: what a component attached by the command reads with. */
    public RestSchemaRegistry registry() {
        return registry;
    }

    public PipelineConfig config() {
        return config;
    }

    /** Topics the embedded broker's start created; empty on a real cluster. */
    public List<String> createdTopics() {
        return stack != null ? stack.createdTopics() : List.of();
    }

    public boolean embedded() {
        return stack != null;
    }

    /** The data folder's log file (Kafka's own logs go there), or null when logging is not logback. */
    public Path logFile() {
        return logFile;
    }

    public Ingester ingester() {
        return ingester;
    }

    public DigestSink sink() {
        return sink;
    }

    public DigestStreams streams() {
        return streams;
    }

    public boolean outputRunning() {
        return sinkThread != null && sinkThread.isAlive();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs this same close, which is already done
            }
        }
        while (!attached.isEmpty()) {
            closeQuietly(attached.pop());
        }
        if (ingester != null) {
            ingester.close();
        }
        if (sink != null) {
            sink.close();
            join(sinkThread);
        }
        if (streams != null) {
            streams.close();
        }
        if (stack != null) {
            stack.close();
        }
        lock.close();
    }

    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.toString());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
