package dev.maildigest.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Answers every request: GET and HEAD only, routes from {@link Route}, each list page from the
 * instance that owns the list's partition ({@link KafkaStreams#queryMetadataForKey}): here, or
 * through that instance, or from a standby when the owner does not answer.
 */
final class ServeHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ServeHandler.class);
    private static final Serializer<String> KEYS = new StringSerializer();

    private final Peers peers;
    private final FeedCache feeds = new FeedCache();
    private volatile KafkaStreams streams;
    private volatile HostInfo self;

    ServeHandler(Peers peers) {
        this.peers = peers;
    }

    /** The application to query, once it is created; until then every list page is 503. */
    void attach(KafkaStreams streams, HostInfo self) {
        this.self = self;
        this.streams = streams;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        Page page;
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            page = new Page(405, Page.TEXT, "only GET and HEAD\n", Map.of("Allow", "GET, HEAD"));
        } else {
            try {
                page = answer(request);
            } catch (RuntimeException e) {
                LOG.warn("serve request failed path={} reason={}", request.getHttpURI().getPath(), e.toString(), e);
                page = new Page(500, Page.TEXT, "internal error\n", Map.of());
            }
        }
        send(response, page, callback);
        return true;
    }

    private Page answer(Request request) {
        Route route = Route.parse(request.getHttpURI().getPath());
        if (route == null) {
            return Page.notFound("no such page");
        }
        KafkaStreams app = streams;
        if (app == null) {
            return Page.unavailable("starting");
        }
        boolean forwarded = request.getHeaders().get(Peers.FORWARDED) != null;
        return switch (route.kind()) {
            case HOME -> Page.ok(Page.HTML, home(app));
            case LISTS_JSON -> listsJson(app);
            default -> {
                String before = query(request.getHttpURI().getQuery(), "before");
                // Only what the route and the cursor say goes to another instance, never the raw request.
                String forwardAs = request.getHttpURI().getPath()
                        + (before != null && StoreKeys.fromCursor(route.list(), before) != null ? "?before=" + before : "");
                yield listPage(app, route, before, request.getHeaders().get("If-None-Match"), forwarded, forwardAs);
            }
        };
    }

    private Page listPage(KafkaStreams app, Route route, String before, String ifNoneMatch, boolean forwarded, String pathQuery) {
        KeyQueryMetadata owner;
        try {
            owner = app.queryMetadataForKey(ServeTopology.INDEX_STORE, route.list(), KEYS);
        } catch (IllegalStateException notRunning) {
            return Page.unavailable("not running yet");
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Page.unavailable("the stores are being assigned");
        }
        if (self.equals(owner.activeHost())) {
            return local(app, route, before, ifNoneMatch, owner.partition(), false);
        }
        if (!forwarded) {
            try {
                return peers.get(owner.activeHost(), pathQuery, ifNoneMatch);
            } catch (IOException e) {
                LOG.info("owner did not answer, trying standbys list={} owner={} reason={}", route.list(), owner.activeHost(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Page.unavailable("interrupted");
            }
        }
        for (HostInfo standby : owner.standbyHosts()) {
            if (self.equals(standby)) {
                return local(app, route, before, ifNoneMatch, owner.partition(), true);
            }
            if (!forwarded) {
                try {
                    return peers.get(standby, pathQuery, ifNoneMatch);
                } catch (IOException e) {
                    LOG.info("standby did not answer list={} standby={} reason={}", route.list(), standby, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Page.unavailable("interrupted");
                }
            }
        }
        return Page.unavailable("the instance serving list " + route.list() + " does not answer");
    }

    private Page local(KafkaStreams app, Route route, String before, String ifNoneMatch, int partition, boolean stale) {
        try {
            ServeStores stores = new ServeStores(
                    store(app, ServeTopology.DIGESTS_STORE, partition, stale),
                    store(app, ServeTopology.INDEX_STORE, partition, stale),
                    store(app, ServeTopology.RANGES_STORE, partition, stale),
                    store(app, ServeTopology.LISTS_STORE, partition, stale));
            return Site.listPage(route, before, ifNoneMatch, stores, feeds);
        } catch (InvalidStateStoreException e) {
            return Page.unavailable("the stores of list " + route.list() + " are moving: " + e.getMessage());
        }
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams app, String name, int partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> query =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition);
        return app.store(stale ? query.enableStaleStores() : query);
    }

    /**
     * This instance's lists: from the stores it owns, so that no list is counted by two instances;
     * while those are moving (a rebalance), from every copy it has, standbys included (the front
     * page shows a list that two instances give once).
     */
    private static List<ListSummary> localLists(KafkaStreams app) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, ListSummary>> query =
                StoreQueryParameters.fromNameAndType(ServeTopology.LISTS_STORE, QueryableStoreTypes.<String, ListSummary>keyValueStore());
        try {
            return ServeStores.allLists(app.store(query));
        } catch (InvalidStateStoreException moving) {
            return ServeStores.allLists(app.store(query.enableStaleStores()));
        }
    }

    private Page listsJson(KafkaStreams app) {
        try {
            return Page.ok("application/json; charset=utf-8", JsonSerde.MAPPER.writeValueAsString(localLists(app)));
        } catch (InvalidStateStoreException e) {
            return Page.unavailable("the stores are moving");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String home(KafkaStreams app) {
        Map<String, ListSummary> byList = new LinkedHashMap<>();
        boolean incomplete = false;
        try {
            localLists(app).forEach(l -> byList.put(l.list(), l));
        } catch (InvalidStateStoreException e) {
            incomplete = true;
        }
        for (StreamsMetadata instance : app.metadataForAllStreamsClients()) {
            if (instance.hostInfo().equals(self)) {
                continue;
            }
            try {
                peers.lists(instance.hostInfo()).forEach(l -> byList.putIfAbsent(l.list(), l));
            } catch (IOException e) {
                LOG.info("instance did not give its lists instance={} reason={}", instance.hostInfo(), e.toString());
                incomplete = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                incomplete = true;
            }
        }
        List<ListSummary> lists = new ArrayList<>(byList.values());
        lists.sort(Comparator.comparing(ListSummary::listName, String.CASE_INSENSITIVE_ORDER).thenComparing(ListSummary::list));
        return Pages.home(lists, incomplete);
    }

    /** One parameter of a raw query string, undecoded (the values this server reads need no decoding). */
    static String query(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static void send(Response response, Page page, Callback callback) {
        byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(page.status());
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, page.contentType());
        headers.put("Content-Security-Policy", Pages.CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        page.headers().forEach(headers::put);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
