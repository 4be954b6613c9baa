package dev.maildigest.cli;

import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.maildigest.ops.OpsServer;
import picocli.CommandLine.Option;

/** The operator's HTTP endpoint, shared by the long-running commands. */
final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics and stage health on /health"
                    + " (default: off; Kafka's metrics are on JMX either way).")
    Integer metricsPort;

    /** The endpoint, or null when not asked for. */
    OpsServer start(Map<String, BooleanSupplier> stages) {
        return metricsPort == null ? null : OpsServer.start(metricsPort, stages);
    }
}
