package dev.maildigest.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.http.ListenAddress;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.RestSchemaRegistry;
import dev.maildigest.serve.DigestServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serves the digests of mail.digests to browsers and feed readers: the lists",
            "followed (/), each list's digests (/<list>/), each digest (/<list>/<first8>..<last8>/,",
            "with .txt, .md and .json beside it) and an Atom feed per list (/<list>/atom.xml).",
            "A Kafka Streams application keeps them in local state stores; start several with",
            "the same --bootstrap-server to share the lists: each answers for the others.",
            "",
            "Example:",
            "  pipeline serve --bootstrap-server localhost:9092 --schema-registry-url http://localhost:8081",
            ""})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DigestServer.DEFAULT_HOST + ":8080",
            description = "Where to serve HTTP (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--advertise", paramLabel = "HOST:PORT",
            description = "The address the other serve instances reach this one at (default: the --listen address).")
    String advertise;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "data/serve",
            description = "Local state of the serve stores (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "0",
            description = "Standby copies of each store on other instances, which answer while the owner is away (default: ${DEFAULT-VALUE}).")
    int standbys;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        ListenAddress address = ListenAddress.parse(listen);
        String host = address.host();
        int port = address.port();
        PipelineConfig config = cluster.toConfig();
        config.bootstrapServers(); // no Kafka named: one line, before any folder is made
        LogFiles.announce(stateDir.resolve("logs")); // beside the serve stores, as `run`'s <data-dir>/logs
        config.prepareCluster();
        DigestServer server = DigestServer.start(config, RestSchemaRegistry.of(config), host, port, advertise, stateDir, standbys);
        System.err.println("maildigest: serving digests on http://" + host + ":" + server.port() + "/");
        OpsServer ops = metrics.start(Map.of("serve", server::running));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (ops != null) {
                ops.close();
            }
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
        return 0;
    }
}
