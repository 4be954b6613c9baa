package dev.maildigest.registry;

import dev.maildigest.config.PipelineConfig;

/**
 * Before a stage starts on a real cluster: the Schema Registry answers and accepts the
 * credentials, or the command stops with the registry's own one-line error. Without this, the
 * first failure would surface deep in a Kafka deserializer ("Error deserializing KEY ... seek
 * past the record") or as a Streams thread dying.
 */
public final class RegistryCheck {
    private RegistryCheck() {
    }

    public static void require(RestSchemaRegistry registry, PipelineConfig config) {
        try {
            registry.latest(config.topics().raw() + "-value");
        } catch (SchemaRegistryException e) {
            boolean unreachable = e.status() < 0;
            boolean refused = e.status() == 401 || e.status() == 403;
            if (unreachable || refused) {
                throw e;
            }
            // 404: nothing registered yet. 5xx: may pass; the stages retry or stop with their own reason.
        }
    }
}
