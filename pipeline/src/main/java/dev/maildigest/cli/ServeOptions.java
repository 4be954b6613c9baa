package dev.maildigest.cli;

import java.nio.file.Path;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.registry.SchemaRegistry;
import dev.maildigest.serve.DigestServer;
import picocli.CommandLine.Option;

/** {@code run --serve-port}: the digests served in the same process, as {@code serve} does. */
final class ServeOptions {

    @Option(names = "--serve-port", paramLabel = "PORT",
            description = "Serve the digests to browsers and feed readers on http://127.0.0.1:PORT/ (default: off; 0 picks a free port).")
    Integer port;

    @Option(names = "--serve-host", paramLabel = "HOST", defaultValue = DigestServer.DEFAULT_HOST,
            description = "Address to serve on with --serve-port (default: ${DEFAULT-VALUE}).")
    String host;

    /** The server, or null when not asked for. */
    DigestServer start(PipelineConfig config, SchemaRegistry registry, Path stateDir) {
        if (port == null) {
            return null;
        }
        DigestServer server = DigestServer.start(config, registry, host, port, null, stateDir, 0);
        System.err.println("maildigest: serving digests on http://" + host + ":" + server.port() + "/");
        return server;
    }
}
