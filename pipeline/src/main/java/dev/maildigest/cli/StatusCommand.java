package dev.maildigest.cli;

import java.util.concurrent.Callable;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.ops.PipelineStatus;
import dev.maildigest.ops.StatusText;
import dev.maildigest.registry.RestSchemaRegistry;
import dev.maildigest.registry.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Shows where the pipeline stands: records and size per topic, lag per consumer group and partition,",
            "the last checkpoint of each archive (needs the Schema Registry), and the last digest emitted.",
            "Topics up to 100,000 offsets are counted by reading them; larger ones from offsets (an upper bound)."})
final class StatusCommand implements Callable<Integer> {
    private static final long REACH_TIMEOUT_MS = 15_000;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PipelineConfig config = cluster.toConfig();
        config.requireReachable(REACH_TIMEOUT_MS);
        PipelineStatus status = PipelineStatus.collect(config, registry(config));
        spec.commandLine().getOut().print(json ? status.toJson() + "\n" : StatusText.render(status));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The registry when one is given; without it the status leaves the archives out and says so. */
    private static SchemaRegistry registry(PipelineConfig config) {
        String url;
        try {
            url = config.schemaRegistryUrl();
        } catch (UserError noRegistry) {
            return null;
        }
        return new RestSchemaRegistry(url, config.schemaRegistryUserInfo());
    }
}
