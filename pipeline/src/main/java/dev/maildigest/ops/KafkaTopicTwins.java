package dev.maildigest.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Kafka's consumers publish each topic-level metric twice when the topic's name has a period:
 * under the name ({@code topic="mail.raw"}) and, deprecated, with periods as underscores
 * ({@code topic="mail_raw"}), the form JMX once needed. Exported both, every lag would count
 * twice in a sum over topics. This keeps the real name: an underscore twin is refused once its
 * dotted form is known, and removed if it came first. A topic whose name really has an
 * underscore and no dotted twin is kept.
 */
final class KafkaTopicTwins {
    private KafkaTopicTwins() {
    }

    static void install(MeterRegistry registry) {
        Set<String> twinNames = ConcurrentHashMap.newKeySet(); // "mail_raw" once "mail.raw" was seen
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                String topic = kafkaTopic(id);
                if (topic != null && topic.indexOf('.') >= 0) {
                    twinNames.add(topic.replace('.', '_'));
                } else if (topic != null && twinNames.contains(topic)) {
                    return MeterFilterReply.DENY;
                }
                return MeterFilterReply.NEUTRAL;
            }
        });
        registry.config().onMeterAdded(meter -> {
            String topic = kafkaTopic(meter.getId());
            if (topic != null && topic.indexOf('.') >= 0) {
                List<Tag> twinTags = new ArrayList<>();
                for (Tag tag : meter.getId().getTagsAsIterable()) {
                    twinTags.add(tag.getKey().equals("topic") ? Tag.of("topic", topic.replace('.', '_')) : tag);
                }
                for (Meter twin : registry.find(meter.getId().getName()).tags(twinTags).meters()) {
                    registry.remove(twin);
                }
            }
        });
    }

    /** The topic label of a Kafka client meter, or null. */
    private static String kafkaTopic(Meter.Id id) {
        return id.getName().startsWith("kafka.") ? id.getTag("topic") : null;
    }
}
