package dev.maildigest.cli;

import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.maildigest.ops.OpsServer;
import picocli.CommandLine.Option;

/** The operator's HTTP endpoint, shared by the long-running commands. */
final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics and stage health on /health"
                    + " (default: off; Kafka's metrics are on JMX either way).")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = OpsServer.DEFAULT_HOST,
            description = "Address of the metrics endpoint (default: ${DEFAULT-VALUE}; 0.0.0.0 lets Prometheus in another"
                    + " container or host scrape it).")
    String metricsHost;

    /** The endpoint, or null when not asked for. */
    OpsServer start(Map<String, BooleanSupplier> stages) {
        return metricsPort == null ? null : OpsServer.start(metricsHost, metricsPort, stages);
    }
}
