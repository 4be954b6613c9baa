package dev.maildigest.embedded;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * After an unclean stop (kill -9, power loss) the node's old broker registration is still live in
 * the metadata log. Started as it is, the node first leads every partition under that registration,
 * then, once the controller times the old session out, fences it and leaves every partition without
 * a leader for a moment before the new registration takes over. A transaction whose commit or abort
 * was decided before the stop has its markers re-sent in exactly that moment; the coordinator takes
 * the leaderless partitions for deleted ones, drops their markers and records the transaction as
 * complete. The partitions keep an open transaction for ever, and every read_committed reader
 * (Streams restoring a changelog among them) waits on it.
 *
 * <p>So before the node starts as broker and controller, the controller alone runs on the same log
 * and fences the old registration, as a clean shutdown would have: the broker then starts from a
 * fenced registration, registers at once, and its partitions change leader once.
 */
final class StaleRegistration {
    private static final Logger log = LoggerFactory.getLogger(StaleRegistration.class);

    /** Written by Kafka into each log folder on a clean shutdown, removed when the log is loaded. */
    static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration NEVER_REGISTERED = Duration.ofSeconds(3);

    private StaleRegistration() {
    }

    /** True when the log in {@code logDir} was formatted and its last stop was not clean. */
    static boolean leftBy(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties")) && !Files.exists(logDir.resolve(CLEAN_SHUTDOWN_FILE));
    }

    /**
     * Runs the node's controller alone, with a session timeout of a blink, until it has fenced the
     * node's broker; {@code node} is the properties the full node starts with.
     */
    static void fence(Properties node, String controllerAddress) {
        long started = System.nanoTime();
        KafkaRaftServer controller = new KafkaRaftServer(new KafkaConfig(controllerOnly(node, controllerAddress), false), Time.SYSTEM);
        controller.startup();
        boolean fenced;
        try {
            fenced = awaitFenced();
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
        if (fenced) {
            log.info("embedded Kafka fenced the registration left by an unclean stop in {} ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private static Properties controllerOnly(Properties node, String controllerAddress) {
        Properties p = new Properties();
        p.putAll(node);
        p.put("process.roles", "controller");
        p.put("listeners", "CONTROLLER://" + controllerAddress);
        p.remove("advertised.listeners");
        p.remove("inter.broker.listener.name");
        // No broker heartbeats here: the old session should end as soon as the controller is active.
        p.put("broker.session.timeout.ms", "100");
        p.put("broker.heartbeat.interval.ms", "50");
        return p;
    }

    /**
     * Reads the controller's own count of brokers, as operators do on JMX. A node that never
     * registered its broker has none to fence: both counts stay at zero once the controller is
     * active (and has loaded the log), and after a short wait the node goes on.
     *
     * @return whether there was a registration, now fenced
     */
    private static boolean awaitFenced() {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        long started = System.nanoTime();
        long activeSince = 0;
        try {
            while (true) {
                long now = System.nanoTime();
                int active = controllerMetric(jmx, "ActiveBrokerCount");
                int fenced = controllerMetric(jmx, "FencedBrokerCount");
                if (active == 0 && fenced > 0) {
                    return true;
                }
                if (activeSince == 0 && controllerMetric(jmx, "ActiveControllerCount") > 0) {
                    activeSince = now;
                }
                if (active == 0 && activeSince != 0 && now - activeSince > NEVER_REGISTERED.toNanos()) {
                    log.info("embedded Kafka found no broker registration to fence after an unclean stop");
                    return false;
                }
                if (now - started > PATIENCE.toNanos()) {
                    // Not worth failing the start for: the node then starts as it did before this fence.
                    log.warn("the embedded controller did not show the broker registration of the last (unclean) stop fenced"
                            + " within {} s; starting the node anyway", PATIENCE.toSeconds());
                    return false;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fencing the broker registration of an unclean stop", e);
        }
    }

    private static int controllerMetric(MBeanServer jmx, String metric) {
        try {
            ObjectName name = new ObjectName("kafka.controller:type=KafkaController,name=" + metric);
            return ((Number) jmx.getAttribute(name, "Value")).intValue();
        } catch (InstanceNotFoundException notYet) {
            return 0;
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the embedded controller's " + metric + ": " + e.getMessage(), e);
        }
    }
}
